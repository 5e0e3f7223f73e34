import { ApplicationFailure } from '@temporalio/activity';

/** One field-level problem, as the HTTP API's error `details` list it. */
export interface FailureDetail {
  path: string;
  message: string;
}

/**
 * A non-retryable ApplicationFailure whose details travel to the workflow as one object, so that
 * the run sees `$error.details` (the same `{path, message}` list the HTTP API answers with) and
 * any `extra` fields beside it. Temporal hands the workflow the first detail only, and an array
 * there is dropped, so a list must never be passed as the details themselves.
 *
 * @example
 * throw detailedFailure('invalid lead', 'ValidationError', [{ path: 'email', message: 'must match format "email"' }]);
 */
export function detailedFailure(
  message: string,
  type: string,
  details: FailureDetail[],
  extra: Record<string, unknown> = {},
): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type, { ...extra, details });
}
