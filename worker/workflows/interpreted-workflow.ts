import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  ApplicationFailure,
  CancellationScope,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { searchAttributeNames } from '../../schemas/vocabulary';
import type { RunState, TraceEntry } from '../../workflows/interpreter';
import { RunFailure, WorkflowRun } from '../../workflows/interpreter';
import {
  completeTaskUpdateName,
  entityChangedSignalName,
  traceQueryName,
  type CompleteTaskArgs,
  type EntityChangedArgs,
  type RunInput,
} from '../../workflows/runtime/run-contract';
import { reportsFailures } from '../../workflows/runtime/error-run';
import { EntityWatch } from './entity-watch';
import { failedRunReport, recordFailure, startErrorRun } from './error-run';
import { failsTheRun } from './run-failure-types';
import { HumanTaskBoard } from './human-tasks';
import { recordRunStats } from './run-stats';
import { temporalEffects } from './temporal-effects';

/*
 * DETERMINISM RULE. Runs last for weeks, so a worker with new code replays histories written by
 * old code. Any change to this file, `worker/workflows/**` or `workflows/interpreter/**` that
 * changes which commands a run issues (activities, timers, child runs, their order or options)
 * must be guarded: `if (patched('<kebab-case-change-id>')) { new } else { old }`, later
 * `deprecatePatch` once no open run predates it. The replay test (test/integration/engine/
 * replay.test.ts) replays the histories in test/histories/ and fails on such a change; record new
 * histories with test/histories/record-histories.ts after adding a patch. Patches so far:
 * - `flow-wait-for-registers-watch` (entity-watch.ts): flow.waitFor registers a watch, then reads
 *   (`entity.watch`), is woken by the dispatcher's signals and removes the watch (`entity.unwatch`).
 * - `pace-expression-work` (temporal-effects.ts): after 10,000 expression steps with no pause, a
 *   run sleeps one millisecond so that its workflow task ends and the next one carries on.
 * - `compensate-in-flight-steps` (workflows/interpreter/in-flight-steps.ts): a compensable step
 *   runs on through a cancel, and a failing or cancelled run waits for the compensable steps of
 *   every branch and forEach item still in flight before it compensates them all.
 * - `run-failure-recorded` (error-run.ts): a failing run records its failure (`run.recordFailure`).
 * - `run-failure-reported` (error-run.ts): a failing run whose settings name an error workflow
 *   loads it (`workflow.loadPublished`) and starts it as an abandoned child before failing.
 * - `upsert-failed-node` (below): a run that fails at a node records the node's id in the
 *   `LedgerlineFailedNode` search attribute, for the runs list's failing-node filter.
 * - `run-stats-recorded` (run-stats.ts): a run that completes, fails or is cancelled records its
 *   per-node figures for process analytics (`run.recordStats`).
 */

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'continuedAsNew';

/** What the `trace` query returns. */
export interface TraceQueryResult {
  status: RunStatus;
  trace: TraceEntry[];
}

/** The run input as the worker accepts it: the contract plus engine options tests may set. */
export interface InterpretedRunInput extends RunInput {
  engineOptions?: {
    /** Continue as new once the history holds this many events (tests force small values). */
    continueAsNewAfterEvents?: number;
  };
}

export const traceQuery = defineQuery<TraceQueryResult>(traceQueryName);
export const completeTaskUpdate = defineUpdate<{ taskId: string; outcome: string }, [CompleteTaskArgs]>(
  completeTaskUpdateName,
);
export const entityChangedSignal = defineSignal<[EntityChangedArgs]>(entityChangedSignalName);

// Set by Temporal on every run a Schedule starts: the time the run was due.
const scheduledStartTimeKey = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);
const failedNodeKey = defineSearchAttributeKey(searchAttributeNames.failedNode, SearchAttributeType.KEYWORD);

/**
 * A Schedule's action is written once for all its runs, with `$trigger` `{event: 'schedule'}`;
 * each run adds the time it was due and its own start time. Reading workflow info issues no
 * command, so this changes no history; continue-as-new carries the completed input on.
 */
function withScheduledTime(input: InterpretedRunInput): InterpretedRunInput {
  const trigger = input.trigger as { event?: unknown; scheduledAt?: unknown } | null | undefined;
  if (trigger?.event !== 'schedule' || trigger.scheduledAt !== undefined) return input;
  const info = workflowInfo();
  const scheduledAt = info.typedSearchAttributes.get(scheduledStartTimeKey) ?? info.startTime;
  return {
    ...input,
    trigger: { ...trigger, scheduledAt: scheduledAt.toISOString() },
    startedAt: info.startTime.toISOString(),
  };
}

/**
 * One Ledgerline run: interprets the published definition in `input`, with Temporal providing
 * the effects. A failure becomes a non-retryable ApplicationFailure whose type is the
 * RunFailure's code and whose details hold the failure as JSON.
 */
export async function interpretedWorkflow(started: InterpretedRunInput): Promise<unknown> {
  const input = withScheduledTime(started);
  const runId = workflowInfo().workflowId;
  const board = new HumanTaskBoard(runId, input.workflowId);
  const watch = new EntityWatch(runId, input.workflowId);
  const run = new WorkflowRun(
    {
      definition: input.definition,
      startNodeId: input.startNodeId,
      trigger: input.trigger,
      input: input.input,
      run: { id: runId, workflowId: input.workflowId, version: input.version, startedAt: input.startedAt },
    },
    temporalEffects({
      input,
      board,
      watch,
      childWorkflow: 'interpretedWorkflow',
      ...(input.engineOptions?.continueAsNewAfterEvents === undefined
        ? {}
        : { continueAsNewAfterEvents: input.engineOptions.continueAsNewAfterEvents }),
    }),
    input.state === undefined ? {} : { state: input.state as RunState },
  );
  let status: RunStatus = 'running';
  setHandler(traceQuery, () => ({ status, trace: run.trace() }));
  setHandler(completeTaskUpdate, (args) => board.complete(args), {
    validator: (args: CompleteTaskArgs) => board.validate(args),
  });
  setHandler(entityChangedSignal, (args) => watch.changed(args));

  const scope = new CancellationScope();
  let outcome: Awaited<ReturnType<WorkflowRun['execute']>>;
  try {
    outcome = await scope.run(() => run.execute());
  } catch (error: unknown) {
    if (isCancellation(error)) {
      status = 'cancelled';
      await recordRunStats(input, runId, 'cancelled', run);
      throw error;
    }
    status = 'failed';
    // An error that fails only the workflow task (a bug, non-determinism) is retried, not reported.
    if (error instanceof RunFailure || failsTheRun(error)) {
      const report = failedRunReport(input, runId, error);
      if (patched('run-failure-recorded')) {
        await CancellationScope.nonCancellable(() => recordFailure(report));
      }
      const errorWorkflowId = input.definition.settings?.errorWorkflowId;
      // Asked only of runs that name an error workflow, so no other history meets the marker.
      if (reportsFailures(input.trigger, errorWorkflowId) && patched('run-failure-reported')) {
        await CancellationScope.nonCancellable(() => startErrorRun(errorWorkflowId!, report));
      }
      await recordRunStats(input, runId, 'failed', run);
    }
    if (error instanceof RunFailure) {
      if (error.nodeId !== undefined && patched('upsert-failed-node')) {
        upsertSearchAttributes([{ key: failedNodeKey, value: error.nodeId }]);
      }
      throw ApplicationFailure.nonRetryable(error.message, error.code, error.toJSON());
    }
    throw error;
  } finally {
    // Branches the run abandoned (flow.end, a failure) may still hold timers, activities and tasks.
    scope.cancel();
    if (board.hasOpenTasks) await CancellationScope.nonCancellable(() => board.closeAll());
  }
  if (outcome.kind === 'continueAsNew') {
    status = 'continuedAsNew';
    return continueAsNew<typeof interpretedWorkflow>({ ...input, state: outcome.state });
  }
  status = 'completed';
  await recordRunStats(input, runId, 'completed', run);
  return outcome.output;
}
