import {
  DefinitionProblemsError,
  RevisionConflictError,
  UnusableSchemaError,
  WorkflowStoreError,
} from '../../../domain/workflows';
import { HttpError, type ErrorCode, type ErrorDetail } from '../../http/http-error';

const codes = {
  notFound: 'not_found',
  revisionConflict: 'precondition_failed',
  invalidDraft: 'validation_failed',
  invalidDefinition: 'unprocessable',
  notPublished: 'conflict',
  forbidden: 'forbidden',
} as const satisfies Record<WorkflowStoreError['kind'], ErrorCode>;

function detailsOf(error: WorkflowStoreError): ErrorDetail[] {
  // Definition errors go out as validate returns them: each detail also carries its nodeId or edgeId
  // and code, and its path is relative to that node or edge.
  if (error instanceof DefinitionProblemsError) return error.errors;
  if (error instanceof RevisionConflictError) {
    return [{ path: 'If-Match', message: `current revision is ${error.currentRevision}` }];
  }
  return [];
}

/** Maps the workflow store's typed errors to their HTTP meaning; anything else is rethrown untouched. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof UnusableSchemaError) return new HttpError('unprocessable', error.message);
  if (!(error instanceof WorkflowStoreError)) return error;
  return new HttpError(codes[error.kind], error.message, detailsOf(error));
}

/** Runs `fn`, turning the store's typed errors into HTTP errors. */
export async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    throw toHttpError(error);
  }
}
