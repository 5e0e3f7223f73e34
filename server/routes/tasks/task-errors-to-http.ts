import { TaskError } from '../../../domain/tasks';
import { HttpError, type ErrorCode } from '../../http/http-error';

const codes = {
  notFound: 'not_found',
  forbidden: 'forbidden',
  notOpen: 'conflict',
  invalidCompletion: 'validation_failed',
  rejectedByRun: 'conflict',
  runUnavailable: 'unavailable',
} as const satisfies Record<TaskError['kind'], ErrorCode>;

/** Maps the task store's typed errors to their HTTP meaning; anything else is rethrown untouched. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof TaskError) return new HttpError(codes[error.kind], error.message, error.details);
  return error;
}

/** Runs `fn`, turning the store's typed errors into HTTP errors. */
export async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    throw toHttpError(error);
  }
}
