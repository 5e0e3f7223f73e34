/** The run an expression belongs to, bound as `$run`. */
export interface RunInfo {
  /** The run's id: the Temporal workflow id, unique per run and stable across continue-as-new. */
  id: string;
  /** The Ledgerline workflow (definition) id. */
  workflowId: string;
  /** The published version the run executes. */
  version: number;
  /** ISO 8601 time the run started. */
  startedAt: string;
}

/** An I/O failure as an error port sees it, bound as `$error`. */
export interface ErrorInfo {
  message: string;
  type: string;
  /** What the failure adds: `status`, `headers` and `body` for an HTTP status, `details` for validation. */
  [detail: string]: unknown;
}

/**
 * What an expression can see. Each defined field is bound as a `$` variable of the same name
 * (`$trigger`, `$nodes`, …); `context` is the document `$` and bare paths refer to; `clock` feeds
 * `$now()` and `$millis()` so that evaluation is deterministic inside the workflow sandbox.
 */
export interface ExpressionBindings {
  trigger?: unknown;
  input?: unknown;
  nodes?: Readonly<Record<string, unknown>>;
  vars?: Readonly<Record<string, unknown>>;
  item?: unknown;
  index?: number;
  run?: RunInfo;
  error?: ErrorInfo;
  /** The record version flow.waitFor is testing. */
  entity?: unknown;
  context?: unknown;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

/** The variable names bound from ExpressionBindings, in the order the docs list them. */
export const boundVariableNames = [
  'trigger',
  'input',
  'nodes',
  'vars',
  'item',
  'index',
  'run',
  'error',
  'entity',
] as const satisfies readonly (keyof ExpressionBindings)[];
