import fs from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import {
  cleanUpStacks,
  groupGone,
  groupMembers,
  interrupt,
  stackEnv,
  startStack,
  waitForOutput,
} from './stack-process';

async function health(port: string, route = '/api/health'): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}${route}`);
  return { status: response.status, body: await response.json() };
}

// A failed assertion must not leave a stack running.
afterAll(cleanUpStacks);

describe('npm start', () => {
  it('runs two instances side by side, stops every child on Ctrl-C, and keeps data across restarts', async () => {
    const [a, b] = [startStack(await stackEnv()), startStack(await stackEnv())];
    await Promise.all([waitForOutput(a, 'press Ctrl-C to stop'), waitForOutput(b, 'press Ctrl-C to stop')]);
    const ok = {
      status: 200,
      body: { status: 'ok', dependencies: { temporal: { status: 'ok' }, store: { status: 'ok' } } },
    };
    expect(await health(a.env.PORT!)).toEqual(ok);
    expect(await health(b.env.PORT!)).toEqual(ok);
    expect(a.output()).toContain(`app:         http://127.0.0.1:${a.env.PORT}`);
    expect(a.output()).toContain(`Temporal UI: http://127.0.0.1:${a.env.TEMPORAL_UI_PORT}`);
    expect(await health(a.env.PORT!, '/api/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await health(a.env.PORT!, '/api/health/ready')).toEqual({
      status: 200,
      body: { ...ok.body, status: 'ready', preparation: { status: 'done' } },
    });

    // The console reads as text: the generated admin password in a framed block, log lines pretty;
    // the log file keeps JSON. Ready means the admin can sign in at once.
    const password = /│ {3}password: (\S+)/.exec(a.output())?.[1];
    expect(a.output()).toContain('│   email:    admin@example.com');
    expect(a.output()).toMatch(/WARN: server: SECRETS_KEY is unset/);
    expect(a.output()).not.toContain('{"level"');
    const serverLog = await fs.readFile(path.join(a.env.DATA_DIR!, 'logs', 'server.log'), 'utf8');
    expect(serverLog).toContain(`"adminPassword":"${password}"`);
    const login = await fetch(`http://127.0.0.1:${a.env.PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password }),
    });
    expect(login.status).toBe(200);

    const storeA = new MongoClient(`mongodb://127.0.0.1:${a.env.STORE_PORT}/`);
    await storeA
      .db('ledgerline')
      .collection('restartProbe')
      .insertOne({ _id: 'kept' as never, value: 42 });
    await storeA.close();

    // Temporal dev server, store, API server and worker: four children besides the supervisor.
    expect(groupMembers(a.child.pid!).length).toBeGreaterThanOrEqual(5);
    expect(await Promise.all([interrupt(a), interrupt(b)])).toEqual([0, 0]);
    expect(await groupGone(a.child.pid!)).toEqual([]);
    expect(await groupGone(b.child.pid!)).toEqual([]);

    const again = startStack(a.env);
    await waitForOutput(again, 'press Ctrl-C to stop');
    const reopened = new MongoClient(`mongodb://127.0.0.1:${a.env.STORE_PORT}/`);
    expect(
      await reopened
        .db('ledgerline')
        .collection('restartProbe')
        .findOne({ _id: 'kept' as never }),
    ).toEqual({
      _id: 'kept',
      value: 42,
    });
    await reopened.close();
    expect(await interrupt(again)).toBe(0);
    expect(await groupGone(again.child.pid!)).toEqual([]);
  });

  it('refuses a taken port with a message naming the variable to change', async () => {
    const env = await stackEnv();
    const blocker = (await import('node:net')).createServer().listen(Number(env.STORE_PORT), '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const instance = startStack(env);
      expect(await instance.exited).toBe(1);
      expect(instance.output()).toContain(
        `Port ${env.STORE_PORT} is already in use. Set STORE_PORT to a free port.`,
      );
      expect(await groupGone(instance.child.pid!)).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});
