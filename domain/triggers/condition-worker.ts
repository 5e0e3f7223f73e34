import { parentPort } from 'node:worker_threads';
import { evaluateCondition } from './entity-trigger-match';
import type { EntityTriggerEvent } from './trigger-event';

/** A request to the condition worker: one condition against one event. */
export interface ConditionRequest {
  id: number;
  condition: unknown;
  event: EntityTriggerEvent;
}

/*
 * The body of each thread of the condition pool. Evaluation here has the same bounds as anywhere,
 * with the wall clock enforced; the thread itself adds a heap cap and a hard deadline, so that even
 * a fault in the evaluator costs one thread, never the API server.
 */
parentPort?.on('message', (request: ConditionRequest) => {
  void evaluateCondition(request.condition, request.event, Date.now, () => performance.now()).then(
    (outcome) => parentPort?.postMessage({ id: request.id, outcome }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        outcome: {
          error: `condition evaluation failed: ${error instanceof Error ? error.message : String(error)}`,
        },
      }),
  );
});
