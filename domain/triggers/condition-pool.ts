import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConditionRequest } from './condition-worker';
import { expressionSource } from '../../workflows';
import { evaluateCondition, type ConditionOutcome } from './entity-trigger-match';
import type { EntityTriggerEvent } from './trigger-event';

export interface ConditionPoolOptions {
  /** Threads evaluating at once. */
  size?: number;
  /** A thread that has not answered by then is ended and the condition counts as failed. */
  timeoutMs?: number;
  /** Old-generation heap of each thread, in MB; a condition that needs more ends its thread. */
  maxHeapMb?: number;
}

/** Evaluates trigger conditions off the caller's event loop. */
export interface ConditionPool {
  evaluate(condition: unknown, event: EntityTriggerEvent): Promise<ConditionOutcome>;
  close(): Promise<void>;
}

interface Job {
  request: ConditionRequest;
  resolve: (outcome: ConditionOutcome) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/*
 * The thread runs this same folder's condition-worker: compiled JavaScript in a production build,
 * TypeScript through the development loader's require hook otherwise (a thread does not inherit a
 * test runner's own transform).
 */
const extension = path.extname(__filename);
const workerFile = path.join(__dirname, `condition-worker${extension}`);
const workerSource =
  extension === '.ts'
    ? `require('tsx/cjs'); require(${JSON.stringify(workerFile)});`
    : `require(${JSON.stringify(workerFile)});`;

/**
 * A small pool of worker threads for trigger conditions. A condition runs with the evaluator's
 * own bounds (steps, depth, sizes, time); the pool adds a heap cap per thread and a hard deadline.
 * A thread that runs out of memory, crashes or misses the deadline is replaced, and its condition
 * resolves as an error, which the dispatcher records and counts as no match. Nothing a condition
 * does blocks or crashes the process that asked.
 *
 * @example
 * const pool = createConditionPool({ size: 1 });
 * await pool.evaluate('=$trigger.entity.total > 1000', event); // { matched: true }
 */
export function createConditionPool(options: ConditionPoolOptions = {}): ConditionPool {
  const size = options.size ?? 1;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxHeapMb = options.maxHeapMb ?? 128;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(workerSource, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    });
    // The thread is the pool's own business: it must never keep the process alive by itself.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (message: { id: number; outcome: ConditionOutcome }) => {
      if (slot.job?.request.id !== message.id) return;
      finish(slot, message.outcome);
    });
    worker.on('error', (error: Error) => replace(slot, describeThreadError(error)));
    worker.on('exit', () => replace(slot, 'condition evaluation ended its thread'));
    return slot;
  }

  function finish(slot: Slot, outcome: ConditionOutcome): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    slot.timer = undefined;
    job?.resolve(outcome);
    pump();
  }

  function replace(slot: Slot, reason: string): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    clearTimeout(slot.timer);
    slot.job?.resolve({ error: reason });
    slot.job = undefined;
    void slot.worker.terminate();
    if (!closed) slots.push(spawn());
    pump();
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.job !== undefined) continue;
      const job = queue.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.timer = setTimeout(
        () => replace(slot, `condition evaluation did not finish within ${timeoutMs} ms`),
        timeoutMs,
      );
      slot.worker.postMessage(job.request);
    }
  }

  return {
    evaluate(condition, event) {
      // No condition, or a literal one, has nothing to run.
      if (expressionSource(condition) === undefined) return evaluateCondition(condition, event);
      if (closed) return Promise.resolve({ error: 'the condition pool is closed' });
      if (slots.length === 0) for (let i = 0; i < size; i++) slots.push(spawn());
      return new Promise<ConditionOutcome>((resolve) => {
        queue.push({ request: { id: nextId++, condition, event }, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ error: 'the condition pool is closed' });
      const ending = slots.splice(0);
      for (const slot of ending) {
        clearTimeout(slot.timer);
        slot.job?.resolve({ error: 'the condition pool is closed' });
      }
      await Promise.all(ending.map((slot) => slot.worker.terminate()));
    },
  };
}

function describeThreadError(error: Error): string {
  return (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? 'condition evaluation ran out of memory'
    : `condition evaluation crashed its thread: ${error.message}`;
}
