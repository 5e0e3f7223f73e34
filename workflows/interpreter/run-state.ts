import type { ErrorInfo } from '../expressions/expression-bindings';
import type { ActivityRetry } from './effects';
import type { TraceEntry } from './trace';

/*
 * The whole state of a run as plain, JSON-serialisable data: what continue-as-new hands to the
 * next execution, and what a resumed run starts from. Nothing in it is a class, a function or a
 * Map, so JSON.parse(JSON.stringify(state)) is the same state.
 */

/** What travels with control along an edge, so parallel branches never share mutable bindings. */
export interface ActivationScope {
  /** `$vars`: copied on write by data.set, merged at joins. */
  vars: Record<string, unknown>;
  /** The run step at which each variable was last set, so that joins keep the latest value. */
  stamps?: Record<string, number>;
  /** `$error`: set on the path leaving an error port. */
  error?: ErrorInfo;
}

/** A node that is ready to run. */
export interface Activation {
  nodeId: string;
  /** The node whose port activated it; its output is the new node's `$`. */
  from?: string;
  /** For a join: the nodes whose branches arrived; `$` is their outputs by node id. */
  joined?: string[];
  scope: ActivationScope;
}

/** One signal that reached a join: a live branch, or a dead one (a port that was not taken). */
export interface JoinArrival {
  edgeId: string;
  live: boolean;
  from?: string;
  scope?: ActivationScope;
}

/**
 * One round of a join: at most one arrival per incoming edge. A second arrival on the same edge
 * (a loop came round again) opens the next round.
 */
export interface JoinRound {
  arrivals: JoinArrival[];
  /** An `any` join fires on the first live arrival; the round stays open to absorb the rest. */
  fired: boolean;
}

/** The scheduling state of one region: the whole graph, or one forEach item's body. */
export interface RegionState {
  pending: Activation[];
  /** Open rounds per join node id, oldest first. */
  joins: Record<string, JoinRound[]>;
  /**
   * Per non-join node, the incoming edges that have delivered a dead signal since it last ran or
   * last passed one on. When they cover all its incoming edges, the node is dead too.
   */
  dead: Record<string, string[]>;
  /** The output of the last visit that ended a branch (left by an unconnected port): the result when no flow.end runs. */
  last?: { value: unknown };
}

/** A completed step that can be undone, recorded when it completes. */
export interface CompensationRecord {
  nodeId: string;
  nodeType: string;
  visit: number;
  activity: string;
  params: Record<string, unknown>;
  retry: ActivityRetry;
  startToCloseTimeoutMs: number;
}

export interface RunState {
  format: 1;
  /** Node visits started so far, across continue-as-new, for the step limit. */
  steps: number;
  /** Visits per node id, for idempotency keys. */
  visits: Record<string, number>;
  /** `$nodes`: each finished node's latest output. */
  outputs: Record<string, unknown>;
  region: RegionState;
  /** Completed compensable steps, in completion order. */
  compensations: CompensationRecord[];
  trace: TraceEntry[];
  /** Oldest trace entries dropped to keep the state small. */
  traceDropped: number;
}

/** The state of a run that has not started yet. */
export function emptyRunState(): RunState {
  return {
    format: 1,
    steps: 0,
    visits: {},
    outputs: {},
    region: emptyRegion(),
    compensations: [],
    trace: [],
    traceDropped: 0,
  };
}

export function emptyRegion(): RegionState {
  return { pending: [], joins: {}, dead: {} };
}
