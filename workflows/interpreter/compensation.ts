import type { RunContext } from './run-context';
import type { CompensationFailure } from './run-failure';
import { describeError } from './run-failure';

/**
 * Undoes the run's completed compensable steps, newest first, inside one non-cancellable scope
 * (a cancelled run must still release its stock). Each undo is traced as a compensation visit; a
 * failing undo is recorded and the others still run. Records are removed as they are handled, so
 * nothing is undone twice.
 */
export function compensate(context: RunContext): Promise<CompensationFailure[]> {
  const { state, effects, trace, request } = context;
  if (state.compensations.length === 0) return Promise.resolve([]);
  return effects.nonCancellable(async () => {
    const failures: CompensationFailure[] = [];
    for (let record = state.compensations.pop(); record; record = state.compensations.pop()) {
      const entry = trace.begin({
        nodeId: record.nodeId,
        type: record.nodeType,
        visit: record.visit,
        compensation: true,
      });
      trace.input(entry, record.params);
      try {
        const output = await effects.runActivity({
          activity: record.activity,
          nodeType: record.nodeType,
          nodeId: record.nodeId,
          visit: record.visit,
          idempotencyKey: `${request.run.id}/${record.nodeId}/${record.visit}/compensate`,
          params: record.params,
          retry: record.retry,
          startToCloseTimeoutMs: record.startToCloseTimeoutMs,
          run: request.run,
          compensation: true,
        });
        trace.complete(entry, undefined, output);
      } catch (error: unknown) {
        const info = describeError(error);
        trace.fail(entry, info);
        failures.push({ nodeId: record.nodeId, activity: record.activity, message: info.message });
      }
    }
    return failures;
  });
}
