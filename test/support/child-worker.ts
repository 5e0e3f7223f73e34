import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { WorkerTarget } from './worker';

const root = path.resolve(__dirname, '../..');

/**
 * Runs a worker in a child process (child-worker-main.ts) on `target`'s task queue and resolves
 * once it polls, so a test can SIGKILL it mid-run with `killChildWorker`.
 */
export function spawnChildWorker(target: WorkerTarget & { mongoUrl: string }): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'child-worker-main.ts'),
      target.mongoUrl,
      target.db.databaseName,
      target.temporalAddress,
      target.namespace,
      target.taskQueue,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited early with ${String(code)}`)));
  });
}

/** SIGKILLs a child worker, as a crash or `kill -9` would, and waits for it to be gone. */
export async function killChildWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
