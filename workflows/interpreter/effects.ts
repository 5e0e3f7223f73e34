import type { RunInfo } from '../expressions/expression-bindings';

/**
 * Everything the interpreter needs from the outside world, injected so that it runs unchanged in
 * the Temporal workflow sandbox (where the worker builds these from `@temporalio/workflow`) and
 * in unit tests (with fakes). The interpreter never touches a clock, timer or I/O any other way.
 *
 * Cancellation: when the run is cancelled, pending effects reject with an error for which
 * `isCancellation` is true; the interpreter then compensates and rethrows that error.
 */
export interface Effects {
  /** Milliseconds since the epoch (in Temporal: `Date.now()`, which the sandbox makes deterministic). */
  now(): number;
  /**
   * Runs an activity with the given retry policy and timeout. Rejects with the activity's own
   * failure: `message`, and `type` (or `name`) as the failure type; unwrap Temporal's
   * ActivityFailure to its cause first.
   */
  runActivity(request: ActivityRequest): Promise<unknown>;
  /** A durable timer. */
  sleep(ms: number): Promise<void>;
  /**
   * Reports expression work (evaluation steps) done inside the run. Resolves at once, or, when
   * much work has piled up with no wait in between, after handing control back to the engine, so
   * that no single workflow activation runs long (in Temporal: a one-millisecond durable timer).
   */
  pace(steps: number): Promise<void>;
  /** Creates (idempotently, by key) a human task and resolves when it is completed or times out. */
  humanTask(request: HumanTaskRequest): Promise<HumanTaskResult>;
  /** Resolves when a version of the record satisfies `matches`, or the timeout passes. */
  waitForEntity(request: WaitForEntityRequest): Promise<WaitForEntityResult>;
  /** Starts a child run of another workflow; resolves with its output, or its run id when not waiting. */
  startChild(request: ChildRunRequest): Promise<unknown>;
  /** Runs `fn` so that cancelling the run does not cancel it (used for compensation). */
  nonCancellable<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the run should continue as new (Temporal: `workflowInfo().continueAsNewSuggested`). */
  shouldContinueAsNew(): boolean;
  /** Whether an error means the run was cancelled (Temporal: `isCancellation(error)`). */
  isCancellation(error: unknown): boolean;
  /**
   * Throws the cancellation error if the run has been cancelled (Temporal: the current scope is
   * considered cancelled). Called after a step that ran on to its end through a cancel.
   */
  throwIfCancelled(): void;
  /**
   * Whether the run takes the newer path of the behaviour change `changeId` (Temporal: `patched`):
   * always for new runs, never while a history recorded before the change replays.
   */
  patched(changeId: string): boolean;
}

/** A retry policy with durations in milliseconds, ready for Temporal's `proxyActivities`. */
export interface ActivityRetry {
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  nonRetryableErrorTypes: string[];
}

export interface ActivityRequest {
  /** The activity to call: the node type's name, or a compensation activity such as `entity.archive`. */
  activity: string;
  nodeType: string;
  nodeId: string;
  /** 1 for a node's first visit in this run, 2 for its second (a loop), and so on. */
  visit: number;
  /** `<run.id>/<nodeId>/<visit>`, plus `/compensate` for an undo; the same on every retry. */
  idempotencyKey: string;
  /** Resolved params: no expressions left. */
  params: Record<string, unknown>;
  retry: ActivityRetry;
  startToCloseTimeoutMs: number;
  run: RunInfo;
  /** True when this call undoes an earlier step of a failed or cancelled run. */
  compensation: boolean;
  /**
   * A compensable step: cancelling the run does not interrupt it, it runs on to its end (Temporal:
   * in a non-cancellable scope), so that what it did is known and can be undone. A run already
   * cancelled does not start it.
   */
  finishOnCancel?: true;
}

export interface HumanTaskRequest {
  /** `approval` offers approve and reject; `task` asks for the form to be submitted. */
  kind: 'approval' | 'task';
  nodeId: string;
  visit: number;
  idempotencyKey: string;
  assigneeRole: string;
  /** The user the task is for, when the node names one; else anyone holding the role. */
  assignee?: string;
  title: string;
  description?: string;
  formSchema?: Record<string, unknown>;
  /**
   * When the task becomes overdue. Then, if `escalateTo` is set, the effect reassigns the task to
   * that role (and notifies) and keeps waiting; otherwise it resolves with outcome `timeout`.
   */
  dueInMs?: number;
  escalateTo?: string;
  /** The record the task is about, shown with its customer context in the inbox. */
  related?: { entityType: string; id: string };
  /**
   * Users who may not decide an approval: whoever started the run by hand or made the write that
   * triggered it (segregation of duties). Absent when the node allows self-approval.
   */
  requestedBy?: string[];
  run: RunInfo;
}

export interface HumanTaskResult {
  outcome: 'approved' | 'rejected' | 'completed' | 'timeout';
  /** The submitted form data, valid against the task's form schema. */
  data?: unknown;
  /** The user who completed the task. */
  completedBy?: string;
}

export interface WaitForEntityRequest {
  nodeId: string;
  visit: number;
  idempotencyKey: string;
  entityType: string;
  id: string;
  timeoutMs?: number;
  /**
   * Tests one version of the record against the node's condition. Call it with the current
   * version first, then with each new version; it is deterministic, and rejects when the
   * condition expression fails (which fails the node).
   */
  matches: (entity: unknown) => Promise<boolean>;
}

export type WaitForEntityResult = { timedOut: false; entity: unknown } | { timedOut: true };

export interface ChildRunRequest {
  nodeId: string;
  visit: number;
  /** Use as (or in) the child's workflow id, so a replayed start does not start a second child. */
  idempotencyKey: string;
  /** The Ledgerline workflow whose latest published version the child runs. */
  workflowId: string;
  input: unknown;
  wait: boolean;
  run: RunInfo;
}
