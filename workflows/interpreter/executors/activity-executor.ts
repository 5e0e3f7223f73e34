import { parseIsoDuration } from '../../definition/iso-duration';
import type { RetryPolicy } from '../../definition/workflow-definition';
import { ERROR_PORT } from '../../definition/workflow-definition';
import type { ActivityDefaults } from '../../node-types/node-type';
import type { ActivityRetry } from '../effects';
import type { NodeExecutor } from '../node-execution';
import { nodeFailure } from '../node-failure';
import { COMPENSATE_IN_FLIGHT_STEPS } from '../in-flight-steps';
import { describeError, failureSummary, RunFailure } from '../run-failure';

/**
 * Runs an I/O node as an activity. A failure leaves by the `error` port, with `$error` bound,
 * when an edge is connected to it; otherwise it fails the run. A completed compensable step is
 * recorded so that it can be undone if the run later fails.
 */
export const runActivityNode: NodeExecutor = async (context) => {
  const { node, declaration, effects } = context;
  const defaults = declaration.activity;
  if (!defaults) throw nodeFailure(node, 'internal', `${node.type} declares no activity defaults`);
  const retry = activityRetry(defaults, node.retry);
  const startToCloseTimeoutMs = durationMs(defaults.startToCloseTimeout);
  const undo = declaration.compensation;
  // Only compensable steps are waited for: what they did must be known to be undone.
  const tracked = undo !== undefined && effects.patched(COMPENSATE_IN_FLIGHT_STEPS);
  const record = (output: unknown): void => {
    const undoParams = undo?.params(context.params, output);
    if (!undo || !undoParams) return;
    context.recordCompensation(
      {
        nodeId: node.id,
        nodeType: node.type,
        visit: context.visit,
        activity: undo.activity,
        params: undoParams,
        retry: activityRetry(defaults, undefined),
        startToCloseTimeoutMs,
      },
      { tracked },
    );
  };
  const call = (): Promise<unknown> =>
    effects.runActivity({
      activity: node.type,
      nodeType: node.type,
      nodeId: node.id,
      visit: context.visit,
      idempotencyKey: context.idempotencyKey,
      params: context.params,
      retry,
      startToCloseTimeoutMs,
      run: context.run,
      compensation: false,
      ...(tracked ? { finishOnCancel: true as const } : {}),
    });
  let output: unknown;
  try {
    if (tracked) {
      // Recorded as soon as it ends, even if the run stopped meanwhile, before the run compensates.
      output = await context.trackStep(async () => {
        const result = await call();
        record(result);
        return result;
      });
      return { kind: 'next', port: 'out', output };
    }
    output = await call();
  } catch (error: unknown) {
    if (effects.isCancellation(error) || error instanceof RunFailure) throw error;
    const info = describeError(error);
    if (context.hasEdgeFrom(ERROR_PORT)) {
      return {
        kind: 'next',
        port: ERROR_PORT,
        output: { error: info },
        scope: { ...context.scope, error: info },
      };
    }
    throw nodeFailure(node, 'activity_failed', failureSummary(info), info);
  }
  record(output);
  return { kind: 'next', port: 'out', output };
};

/** The node type's retry policy with the node's overrides applied field by field, in milliseconds. */
export function activityRetry(defaults: ActivityDefaults, override: RetryPolicy | undefined): ActivityRetry {
  const policy = { ...defaults.retry, ...override };
  return {
    maximumAttempts: policy.maximumAttempts,
    initialIntervalMs: durationMs(policy.initialInterval),
    backoffCoefficient: policy.backoffCoefficient,
    maximumIntervalMs: durationMs(policy.maximumInterval),
    nonRetryableErrorTypes: [...policy.nonRetryableErrorTypes],
  };
}

/** Durations in declarations and retry policies are schema-checked; a bad one is a bug, not a run error. */
function durationMs(text: string): number {
  const ms = parseIsoDuration(text);
  if (ms === undefined)
    throw new Error(`Invalid ISO 8601 duration in a retry policy: ${JSON.stringify(text)}`);
  return ms;
}
