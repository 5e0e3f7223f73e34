import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from '../../../platform/ports';

const root = path.resolve(__dirname, '..', '..', '..');

interface Instance {
  child: ChildProcess;
  env: Record<string, string>;
  output: () => string;
  exited: Promise<number | null>;
}

async function instanceEnv(dataDir: string): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    STORE_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
}

/** Runs `npm start`'s entry in its own process group, as a terminal would. */
function start(env: Record<string, string>): Instance {
  const cleanEnv = { ...process.env };
  delete cleanEnv.MONGO_URL;
  delete cleanEnv.TEMPORAL_ADDRESS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/start-main.ts'], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const instance = { child, env, output: () => output, exited };
  started.push(instance);
  return instance;
}

async function waitForOutput(instance: Instance, text: string, timeoutMs = 400_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!instance.output().includes(text)) {
    if (instance.child.exitCode !== null) throw new Error(`exited early:\n${instance.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${instance.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Pids still alive in a process group. */
function groupMembers(pgid: number): number[] {
  try {
    return execFileSync('pgrep', ['-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * Waits until no process of the group is left. Helpers that exit with their parent (such as
 * the TypeScript loader's compiler service) may take a moment after the parent is gone.
 */
async function groupGone(pgid: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50 && groupMembers(pgid).length > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return groupMembers(pgid);
}

/** Ctrl-C: SIGINT to the whole foreground process group. */
async function interrupt(instance: Instance): Promise<number | null> {
  process.kill(-instance.child.pid!, 'SIGINT');
  return instance.exited;
}

async function health(port: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`);
  return { status: response.status, body: await response.json() };
}

const dirs: string[] = [];
const started: Instance[] = [];
afterAll(async () => {
  // A failed assertion must not leave a stack running.
  for (const instance of started) {
    if (groupMembers(instance.child.pid!).length > 0) process.kill(-instance.child.pid!, 'SIGKILL');
  }
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-start-'));
  dirs.push(dir);
  return dir;
}

describe('npm start', () => {
  it('runs two instances side by side, stops every child on Ctrl-C, and keeps data across restarts', async () => {
    const [a, b] = [start(await instanceEnv(await tempDir())), start(await instanceEnv(await tempDir()))];
    await Promise.all([waitForOutput(a, 'press Ctrl-C to stop'), waitForOutput(b, 'press Ctrl-C to stop')]);
    const ok = {
      status: 200,
      body: { status: 'ok', dependencies: { temporal: { status: 'ok' }, store: { status: 'ok' } } },
    };
    expect(await health(a.env.PORT!)).toEqual(ok);
    expect(await health(b.env.PORT!)).toEqual(ok);
    expect(a.output()).toContain(`app:         http://127.0.0.1:${a.env.PORT}`);
    expect(a.output()).toContain(`Temporal UI: http://127.0.0.1:${a.env.TEMPORAL_UI_PORT}`);

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

    const again = start(a.env);
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
    const env = await instanceEnv(await tempDir());
    const blocker = (await import('node:net')).createServer().listen(Number(env.STORE_PORT), '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const instance = start(env);
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
