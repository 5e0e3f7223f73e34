import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  ChildWorkflowFailure,
  isCancellation,
  ParentClosePolicy,
  patched,
  proxyActivities,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ActivityRequest,
  ChildRunRequest,
  Effects,
  WaitForEntityRequest,
} from '../../workflows/interpreter';
import type { RunInput } from '../../workflows/runtime/run-contract';
import { urlSafeId } from '../../workflows/runtime/url-safe-id';
import type { ActivityCall, PublishedWorkflow } from './activity-contract';
import type { HumanTaskBoard } from './human-tasks';
import type { EntityWatch } from './entity-watch';

// The same keys the API server's starter sets on every run.
export const workflowIdKey = defineSearchAttributeKey('LedgerlineWorkflowId', SearchAttributeType.KEYWORD);
export const versionKey = defineSearchAttributeKey('LedgerlineVersion', SearchAttributeType.INT);
export const triggerKey = defineSearchAttributeKey('LedgerlineTrigger', SearchAttributeType.KEYWORD);

/** The change that gave child runs URL-safe workflow ids. */
const urlSafeChildRunIds = 'url-safe-child-run-ids';

type ActivityFn = (call: ActivityCall) => Promise<unknown>;

/** Loads the latest published version of a workflow, for child runs and error runs. */
export const loader = proxyActivities<{
  'workflow.loadPublished': (workflowId: string) => Promise<PublishedWorkflow>;
}>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['WorkflowNotPublished'] },
});

export interface EffectsDeps {
  input: RunInput;
  board: HumanTaskBoard;
  watch: EntityWatch;
  /** The workflow function itself, for child runs. */
  childWorkflow: string;
  /** Continue as new once history has this many events (tests force it small); else when Temporal suggests. */
  continueAsNewAfterEvents?: number;
}

/**
 * Expression steps a run may pile up before it hands its workflow task back. JSONata is async, and
 * every promise in the sandbox pays for Temporal's stack-trace tracking, so a step costs far more
 * here than in a plain process; this keeps one activation to a few seconds at most, well inside
 * the workflow task timeout (see the README's Security section).
 */
export const PACE_STEPS = 10_000;

/** Builds the interpreter's effects from Temporal's workflow APIs. */
export function temporalEffects(deps: EffectsDeps): Effects {
  const runId = workflowInfo().workflowId;
  let unpaced = 0;
  return {
    now: () => Date.now(),
    runActivity: (request) => {
      const call = () => runActivity(request, runId, deps.input);
      // A run already cancelled starts nothing: the plain call rejects at once.
      if (!request.finishOnCancel || CancellationScope.current().consideredCancelled) return call();
      return CancellationScope.nonCancellable(call);
    },
    sleep: (ms) => sleep(ms),
    pace: async (steps) => {
      unpaced += steps;
      if (unpaced < PACE_STEPS) return;
      unpaced = 0;
      // The count is deterministic, so a replay pauses at the same points; histories written
      // before pacing existed never reach this marker.
      if (patched('pace-expression-work')) await sleep(1);
    },
    humanTask: (request) => deps.board.wait(request),
    waitForEntity: (request: WaitForEntityRequest) => deps.watch.wait(request),
    startChild: (request) => startChildRun(request, deps),
    nonCancellable: (fn) => CancellationScope.nonCancellable(fn),
    shouldContinueAsNew: () => {
      const info = workflowInfo();
      if (deps.continueAsNewAfterEvents !== undefined)
        return info.historyLength >= deps.continueAsNewAfterEvents;
      return info.continueAsNewSuggested;
    },
    isCancellation: (error) => isCancellation(error),
    throwIfCancelled: () => {
      if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('Workflow cancelled');
    },
    patched: (changeId) => patched(changeId),
  };
}

/**
 * A fresh proxy per call, because each node has its own timeout and retry policy. An activity
 * failure is unwrapped to its cause, so `$error` shows the activity's own message and type.
 */
async function runActivity(request: ActivityRequest, runId: string, input: RunInput): Promise<unknown> {
  const activities = proxyActivities<Record<string, ActivityFn>>({
    startToCloseTimeout: request.startToCloseTimeoutMs,
    retry: {
      maximumAttempts: request.retry.maximumAttempts,
      initialInterval: request.retry.initialIntervalMs,
      backoffCoefficient: request.retry.backoffCoefficient,
      maximumInterval: request.retry.maximumIntervalMs,
      nonRetryableErrorTypes: request.retry.nonRetryableErrorTypes,
    },
  });
  const activity = activities[request.activity] as ActivityFn;
  try {
    return await activity({
      params: request.params,
      idempotencyKey: request.idempotencyKey,
      runId,
      workflowId: input.workflowId,
      nodeId: request.nodeId,
      visit: request.visit,
      ...(input.authority === undefined ? {} : { authority: input.authority }),
    });
  } catch (error: unknown) {
    throw unwrapFailure(error);
  }
}

/**
 * An activity's or child run's failure as the error it raised itself: its message, type and, when
 * it gave one, its details object (an HTTP status and body, validation paths).
 */
function unwrapFailure(error: unknown): unknown {
  if (isCancellation(error)) return error;
  if ((error instanceof ActivityFailure || error instanceof ChildWorkflowFailure) && error.cause) {
    const cause = error.cause;
    const application = cause instanceof ApplicationFailure ? cause : undefined;
    const type = application?.type ? application.type : cause.name;
    const details: unknown = application?.details?.[0];
    return Object.assign(new Error(cause.message), {
      type,
      ...(typeof details === 'object' && details !== null && !Array.isArray(details) ? { details } : {}),
    });
  }
  return error;
}

/**
 * Starts the latest published version of another workflow as a child on the same task queue.
 * The child's workflow id is the node visit's idempotency key made URL-safe
 * (`run-5f3e.order.1` for `run-5f3e/order/1`), so a replayed start is the same child and the id
 * goes into `/api/runs/:runId` as it is. Runs from before the `url-safe-child-run-ids` patch keep
 * the key itself.
 */
async function startChildRun(request: ChildRunRequest, deps: EffectsDeps): Promise<unknown> {
  try {
    return await startChildRunOrThrow(request, deps);
  } catch (error: unknown) {
    throw unwrapFailure(error);
  }
}

async function startChildRunOrThrow(request: ChildRunRequest, deps: EffectsDeps): Promise<unknown> {
  const published = await loader['workflow.loadPublished'](request.workflowId);
  const childInput: RunInput = {
    workflowId: published.workflowId,
    version: published.version,
    definition: published.definition,
    startNodeId: published.startNodeId,
    trigger: { event: 'subworkflow', parentRunId: request.run.id, nodeId: request.nodeId },
    input: request.input,
    startedAt: new Date(Date.now()).toISOString(),
    ...(published.authority === undefined ? {} : { authority: published.authority }),
  };
  const handle = await startChild(deps.childWorkflow, {
    workflowId: patched(urlSafeChildRunIds) ? urlSafeId(request.idempotencyKey) : request.idempotencyKey,
    args: [childInput],
    parentClosePolicy: request.wait ? ParentClosePolicy.TERMINATE : ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: workflowIdKey, value: published.workflowId },
      { key: versionKey, value: published.version },
      { key: triggerKey, value: 'subworkflow' },
    ],
  });
  if (!request.wait) return { runId: handle.workflowId };
  return handle.result();
}
