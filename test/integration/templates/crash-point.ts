import { killChildWorker, spawnChildWorker } from '../../support/child-worker';
import { startWorkerOn } from '../../support/worker';
import { eventually, startProcessHarness, type ProcessHarness } from './process-harness';

/**
 * A process harness whose runs start on a worker in a child process that the test SIGKILLs once, at
 * a point it chooses, after which a worker in the test process takes over the run: what a crash or
 * a `kill -9` during a deploy does.
 */
export interface CrashPoint {
  h: ProcessHarness;
  /** Waits until `ready` holds, then kills the child worker mid-run and starts the replacement. */
  killWhen(ready: () => Promise<boolean>): Promise<void>;
  /** Whether the kill happened. */
  readonly killed: boolean;
  /** Stops whichever worker runs and closes the harness. */
  close(): Promise<void>;
}

/** Starts a process harness (see process-harness.ts) with only a child worker on its task queue. */
export async function startCrashPoint(name: string): Promise<CrashPoint> {
  const h = await startProcessHarness(name);
  const child = await spawnChildWorker(h.services).catch(async (error: unknown) => {
    await h.close();
    throw error;
  });
  let replacement: { stop(): Promise<void> } | undefined;
  return {
    h,
    get killed() {
      return replacement !== undefined;
    },
    async killWhen(ready) {
      await eventually(async () => ((await ready()) ? true : undefined));
      await killChildWorker(child);
      replacement = await startWorkerOn(h.services);
    },
    async close() {
      if (replacement === undefined) await killChildWorker(child);
      else await replacement.stop();
      await h.close();
    },
  };
}
