import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../platform/ports';

const root = path.resolve(__dirname, '..', '..', '..');

/** One `npm start` supervisor process and everything it printed. */
export interface Stack {
  child: ChildProcess;
  env: Record<string, string>;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Stack[] = [];
const dirs: string[] = [];

/** A fresh data directory, removed by {@link cleanUpStacks}. */
export async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-start-'));
  dirs.push(dir);
  return dir;
}

/** The env of an instance of its own: free ports and its own data directory. */
export async function stackEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    DATA_DIR: await tempDir(),
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    STORE_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Runs `npm start`'s entry in its own process group, as a terminal would. */
export function startStack(env: Record<string, string>, args: string[] = []): Stack {
  const cleanEnv = { ...process.env };
  delete cleanEnv.MONGO_URL;
  delete cleanEnv.TEMPORAL_ADDRESS;
  delete cleanEnv.NODE_ENV;
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/launcher/start-main.ts', ...args], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const stack = { child, env, output: () => output, exited };
  started.push(stack);
  return stack;
}

/** Waits until the supervisor printed `text` somewhere after character `from` of its output. */
export async function waitForOutput(
  stack: Stack,
  text: string,
  from = 0,
  timeoutMs = 400_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!stack.output().slice(from).includes(text)) {
    if (stack.child.exitCode !== null) throw new Error(`exited early:\n${stack.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${stack.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Pids still alive in a process group. */
export function groupMembers(pgid: number): number[] {
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
export async function groupGone(pgid: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50 && groupMembers(pgid).length > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return groupMembers(pgid);
}

/** Ctrl-C: SIGINT to the whole foreground process group. */
export async function interrupt(stack: Stack): Promise<number | null> {
  process.kill(-stack.child.pid!, 'SIGINT');
  return stack.exited;
}

/** The direct children of the supervisor with their command lines. */
export function supervisedChildren(stack: Stack): Array<{ pid: number; args: string }> {
  const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(stack.child.pid)], {
    encoding: 'utf8',
  });
  return listing
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [pid, ...args] = line.split(/\s+/);
      return { pid: Number(pid), args: args.join(' ') };
    });
}

/** Kills every stack a test left running and removes the data directories. */
export async function cleanUpStacks(): Promise<void> {
  for (const stack of started) {
    if (groupMembers(stack.child.pid!).length > 0) process.kill(-stack.child.pid!, 'SIGKILL');
  }
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
}
