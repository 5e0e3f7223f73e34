import { EntityError } from '../../../domain/entities';
import { HttpError, type ErrorCode } from '../../http/http-error';

const codes = {
  notFound: 'not_found',
  versionConflict: 'precondition_failed',
  duplicateKey: 'conflict',
  validation: 'validation_failed',
  invariant: 'unprocessable',
  forbidden: 'forbidden',
} as const satisfies Record<EntityError['kind'], ErrorCode>;

/** Maps the repository's typed errors to their HTTP meaning; anything else is rethrown untouched. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof EntityError) return new HttpError(codes[error.kind], error.message, error.details);
  // computeTotals refuses amounts past the safe-integer range: the client's numbers are too large.
  if (error instanceof RangeError)
    return new HttpError('unprocessable', error.message, [{ path: 'lines', message: error.message }]);
  return error;
}
