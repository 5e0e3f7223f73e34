/** One field-level problem, ready for an HTTP error's `details`. */
export interface TaskErrorDetail {
  path: string;
  message: string;
}

/** Base of the task store's expected failures; the routes map each kind to one HTTP status. */
export abstract class TaskError extends Error {
  abstract readonly kind:
    'notFound' | 'forbidden' | 'notOpen' | 'invalidCompletion' | 'rejectedByRun' | 'runUnavailable';
  constructor(
    message: string,
    readonly details: TaskErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** No such task (HTTP 404). */
export class TaskNotFoundError extends TaskError {
  override name = 'TaskNotFoundError';
  readonly kind = 'notFound';
}

/** The caller does not hold the task's assignee role (HTTP 403). */
export class TaskForbiddenError extends TaskError {
  override name = 'TaskForbiddenError';
  readonly kind = 'forbidden';
}

/** The task is already completed or cancelled (HTTP 409). */
export class TaskNotOpenError extends TaskError {
  override name = 'TaskNotOpenError';
  readonly kind = 'notOpen';
}

/** The outcome or data do not fit the task (HTTP 400); `details` name the paths. */
export class InvalidCompletionError extends TaskError {
  override name = 'InvalidCompletionError';
  readonly kind = 'invalidCompletion';
}

/** The run refused the completion: the task was completed meanwhile or the run has ended (HTTP 409). */
export class CompletionRejectedError extends TaskError {
  override name = 'CompletionRejectedError';
  readonly kind = 'rejectedByRun';
}

/** The run did not answer in time (no worker polling, or a worker overloaded); retrying is safe (HTTP 503). */
export class RunUnavailableError extends TaskError {
  override name = 'RunUnavailableError';
  readonly kind = 'runUnavailable';
}
