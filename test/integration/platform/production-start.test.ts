import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  cleanUpStacks,
  groupGone,
  interrupt,
  stackEnv,
  startStack,
  supervisedChildren,
  waitForOutput,
} from './stack-process';

/*
 * `npm start -- --production` builds dist/app and runs the compiled server and worker (no tsx),
 * which serve the editor and answer ready like the development stack.
 */

afterAll(cleanUpStacks);

const root = path.resolve(__dirname, '..', '..', '..');

test('npm start -- --production runs the compiled server and worker from dist/app', async () => {
  const stack = startStack(await stackEnv({ ADMIN_PASSWORD: 'production-password-1', SEED_DEMO: 'false' }), [
    '--production',
  ]);
  await waitForOutput(stack, 'press Ctrl-C to stop');
  expect(stack.output()).toMatch(/ready in [\d.]+s \(store: \w+; compiled build\)/);
  const commands = supervisedChildren(stack).map((child) => child.args);
  const app = path.join(root, 'dist', 'app');
  expect(commands).toEqual(
    expect.arrayContaining([
      `${process.execPath} --enable-source-maps ${path.join(app, 'server', 'main.js')}`,
      `${process.execPath} --enable-source-maps ${path.join(app, 'worker', 'main.js')}`,
    ]),
  );
  expect(commands.filter((command) => command.includes('tsx'))).toEqual([]);
  expect(existsSync(path.join(app, 'worker', 'workflow-bundle.json'))).toBe(true);

  const url = `http://127.0.0.1:${stack.env.PORT}`;
  expect((await fetch(`${url}/api/health/ready`)).status).toBe(200);
  const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  expect(await interrupt(stack)).toBe(0);
  expect(await groupGone(stack.child.pid!)).toEqual([]);
});
