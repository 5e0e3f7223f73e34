import type { ErrorInfo } from '../expressions/expression-bindings';

/**
 * - `activity_failed`: an I/O node failed and its `error` port is not connected;
 * - `node_failed`: a control node's effect failed (a child run, a human task);
 * - `expression_failed`: an expression in a node's params could not be evaluated;
 * - `invalid_param`: a resolved param has a value the node cannot use (an `items` that is not a list);
 * - `step_limit`: the run started more node visits than `settings.maxSteps`;
 * - `flow_fail`: a `flow.fail` node ran;
 * - `invalid_start`: the start node is not a trigger of the definition;
 * - `internal`: a bug in the interpreter; the message says what broke.
 */
export type RunFailureCode =
  | 'activity_failed'
  | 'node_failed'
  | 'expression_failed'
  | 'invalid_param'
  | 'step_limit'
  | 'flow_fail'
  | 'invalid_start'
  | 'internal';

/** A compensation that itself failed; the others still ran. */
export interface CompensationFailure {
  nodeId: string;
  activity: string;
  message: string;
}

export interface RunFailureInit {
  code: RunFailureCode;
  message: string;
  nodeId?: string;
  /** The underlying error, as plain data. */
  error?: ErrorInfo;
  compensationFailures?: CompensationFailure[];
}

/**
 * Why a run failed. The interpreter throws it (after compensating); the Temporal workflow turns
 * it into a non-retryable ApplicationFailure with `code` as its type.
 */
export class RunFailure extends Error {
  readonly code: RunFailureCode;
  readonly nodeId: string | undefined;
  readonly error: ErrorInfo | undefined;
  readonly compensationFailures: CompensationFailure[];

  constructor(init: RunFailureInit) {
    super(init.message);
    this.name = 'RunFailure';
    this.code = init.code;
    this.nodeId = init.nodeId;
    this.error = init.error;
    this.compensationFailures = init.compensationFailures ?? [];
  }

  /** The same failure, with the compensations that failed while undoing the run. */
  withCompensationFailures(failures: CompensationFailure[]): RunFailure {
    return new RunFailure({ ...this.toJSON(), compensationFailures: failures });
  }

  /** Plain data for the run record and the Temporal failure details. */
  toJSON(): RunFailureInit {
    return {
      code: this.code,
      message: this.message,
      ...(this.nodeId === undefined ? {} : { nodeId: this.nodeId }),
      ...(this.error === undefined ? {} : { error: this.error }),
      ...(this.compensationFailures.length === 0 ? {} : { compensationFailures: this.compensationFailures }),
    };
  }
}

/** The message and type of anything thrown: an Error, a Temporal failure, a JSONata error object. */
export function describeError(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null) {
    const fields = error as { message?: unknown; type?: unknown; name?: unknown; details?: unknown };
    const message = typeof fields.message === 'string' ? fields.message : jsonOrType(error);
    const type =
      typeof fields.type === 'string' ? fields.type : typeof fields.name === 'string' ? fields.name : 'Error';
    // A failure's details (an HTTP response, validation paths) sit beside its message and type.
    const details =
      typeof fields.details === 'object' && fields.details !== null
        ? (fields.details as Record<string, unknown>)
        : {};
    return { ...details, message, type };
  }
  return { message: String(error), type: 'Error' };
}

/**
 * A failure in one line, for a run's error: its message and type, then each field detail
 * (`path: message`, as the HTTP API lists them) that the message does not already name.
 *
 * @example
 * failureSummary({ message: 'invalid lead', type: 'ValidationError', details: [{ path: 'email', message: 'is required' }] });
 * // 'invalid lead [ValidationError]: email: is required'
 */
export function failureSummary(info: ErrorInfo): string {
  const summary = `${info.message} [${info.type}]`;
  const details = Array.isArray(info.details) ? (info.details as unknown[]) : [];
  const unnamed = details.flatMap((detail) => {
    const { path, message } = (detail ?? {}) as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    if (info.message.includes(path) && info.message.includes(message)) return [];
    return [path === '' ? message : `${path}: ${message}`];
  });
  return unnamed.length === 0 ? summary : `${summary}: ${unnamed.join('; ')}`;
}

function jsonOrType(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
