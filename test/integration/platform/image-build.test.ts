import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { freePort } from '../../../platform/ports';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { apiAs, logIn } from '../../support/api-client';
import { appEnv } from '../../support/app-process';
import { eventually } from '../../support/eventually';
import { performDockerfile, type StageResult } from './dockerfile-steps';

/*
 * No Docker engine here, so this test performs the Dockerfile's steps itself, in temporary
 * folders: the build stage's `npm ci` and `npm run build`, the runtime stage's
 * `npm ci --omit=dev` and its copy of dist/app. It then starts the runtime folder's server with
 * the image's CMD and a worker with compose's command, against the test's Temporal and store,
 * waits for the image's HEALTHCHECK to pass, and runs a workflow through the API.
 */

jest.setTimeout(1_800_000);

const root = path.resolve(__dirname, '..', '..', '..');
const admin = { email: 'image@example.com', password: 'image-password-123' };

let services: TestServices;
let workRoot: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  services = await connectTestServices('image-build');
  workRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-image-'));
});

afterAll(async () => {
  for (const child of children) {
    const gone = exitCode(child);
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await gone;
  }
  await services.close();
  await fs.rm(workRoot, { recursive: true, force: true });
});

/** Runs a command of the image in the runtime stage's folder, as the container would. */
function runInImage(image: StageResult, command: string[], env: Record<string, string>): ChildProcess {
  const [program, ...args] = command;
  const child = spawn(program === 'node' ? process.execPath : program!, args, {
    cwd: path.join(image.root, image.workdir),
    env: { PATH: process.env.PATH ?? '', ...image.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', resolve));
}

test('the Dockerfile builds an image whose server and worker run a workflow on production dependencies', async () => {
  const dockerfile = await fs.readFile(path.join(root, 'Dockerfile'), 'utf8');
  const stages = await performDockerfile(dockerfile, root, workRoot, (line) =>
    process.stdout.write(`[image] ${line}\n`),
  );
  expect(stages.map((stage) => stage.name)).toEqual(['build', undefined]);
  const image = stages[1]!;
  const app = path.join(image.root, image.workdir);

  // The runtime stage holds the production dependencies and dist/app only, and runs unprivileged.
  expect(image.user).toBe('node');
  expect((await fs.readdir(app)).sort()).toEqual([
    'dist',
    'node_modules',
    'package-lock.json',
    'package.json',
  ]);
  expect(existsSync(path.join(app, 'node_modules', 'express'))).toBe(true);
  for (const devOnly of ['tsx', 'vite', 'typescript', 'jest', 'esbuild']) {
    expect([devOnly, existsSync(path.join(app, 'node_modules', devOnly))]).toEqual([devOnly, false]);
  }
  expect(existsSync(path.join(app, 'dist', 'app', 'editor', 'dist', 'index.html'))).toBe(true);
  expect(existsSync(path.join(app, 'dist', 'app', 'worker', 'workflow-bundle.json'))).toBe(true);

  const compose = parse(await fs.readFile(path.join(root, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, { command: string[] }>;
  };
  expect(compose.services.server?.command).toEqual(image.cmd);
  const port = String(await freePort());
  const env = appEnv(services, {
    PORT: port,
    // The image's DATA_DIR, /data, inside the runtime stage's folder.
    DATA_DIR: path.join(image.root, image.env.DATA_DIR!),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
  });
  runInImage(image, image.cmd, env);
  runInImage(image, compose.services.worker!.command, env);

  // The HEALTHCHECK passes once the server is ready; then the admin signs in at once.
  await eventually(
    async () => ((await exitCode(runInImage(image, image.healthcheck, env))) === 0 ? true : undefined),
    120_000,
  );
  const url = `http://127.0.0.1:${port}`;
  const api = apiAs(url, await logIn(url, admin));

  const created = await api('POST', '/workflows', {
    name: 'Greeting',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'done', type: 'flow.end', params: { output: { greeting: '="Hello, " & $input.name' } } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'done' }],
  });
  expect(created.status).toBe(201);
  const workflowId = created.body._id as string;
  expect((await api('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
  const run = await api('POST', `/workflows/${workflowId}/runs`, { input: { name: 'Ada' } });
  expect(run.status).toBe(201);
  const finished = await eventually(async () => {
    const view = await api('GET', `/runs/${encodeURIComponent(run.body.runId as string)}`);
    return view.body.status === 'running' ? undefined : (view.body as unknown);
  });
  expect(finished).toMatchObject({ status: 'completed', result: { greeting: 'Hello, Ada' } });
});
