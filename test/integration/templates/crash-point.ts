import type { ChildProcess } from 'node:child_process';
import { eventually, killWorker, type ProcessHarness } from './process-harness';

/**
 * A worker in a child process that a test SIGKILLs once, at a point it chooses, after which a worker
 * in the test process takes over the run: what a crash or a `kill -9` during a deploy does.
 */
export interface CrashPoint {
  /** Waits until `ready` holds, then kills the child worker mid-run and starts the replacement. */
  killWhen(ready: () => Promise<boolean>): Promise<void>;
  /** Whether the kill happened. */
  readonly killed: boolean;
  stop(): Promise<void>;
}

export async function crashPoint(h: ProcessHarness): Promise<CrashPoint> {
  const child: ChildProcess = await h.spawnWorker();
  let replacement: { stop(): Promise<void> } | undefined;
  return {
    get killed() {
      return replacement !== undefined;
    },
    async killWhen(ready) {
      await eventually(async () => ((await ready()) ? true : undefined));
      await killWorker(child);
      replacement = await h.startWorker();
    },
    async stop() {
      if (replacement === undefined) await killWorker(child);
      else await replacement.stop();
    },
  };
}
