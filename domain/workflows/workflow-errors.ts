import type { ValidationError } from '../../workflows';

/** Base of the workflow store's expected failures; the routes map each kind to one HTTP status. */
export abstract class WorkflowStoreError extends Error {
  abstract readonly kind:
    'notFound' | 'revisionConflict' | 'invalidDraft' | 'invalidDefinition' | 'notPublished';
}

/** The workflow (or version) does not exist or is archived (HTTP 404). */
export class WorkflowNotFoundError extends WorkflowStoreError {
  override name = 'WorkflowNotFoundError';
  readonly kind = 'notFound';
}

/** The caller edited a stale draft revision (HTTP 412). */
export class RevisionConflictError extends WorkflowStoreError {
  override name = 'RevisionConflictError';
  readonly kind = 'revisionConflict';
  constructor(
    message: string,
    readonly currentRevision: number,
  ) {
    super(message);
  }
}

/**
 * A draft that is not even shaped like a definition (HTTP 400). Drafts may be incomplete, but they
 * must match the definition schema so the editor and `validate` can read them.
 */
export class InvalidDraftError extends WorkflowStoreError {
  override name = 'InvalidDraftError';
  readonly kind = 'invalidDraft';
  constructor(
    message: string,
    readonly errors: ValidationError[],
  ) {
    super(message);
  }
}

/** Publish refused a draft that fails validation (HTTP 422); `errors` name node ids and param paths. */
export class InvalidDefinitionError extends WorkflowStoreError {
  override name = 'InvalidDefinitionError';
  readonly kind = 'invalidDefinition';
  constructor(
    message: string,
    readonly errors: ValidationError[],
  ) {
    super(message);
  }
}

/** The workflow has no published version to run (HTTP 409). */
export class NotPublishedError extends WorkflowStoreError {
  override name = 'NotPublishedError';
  readonly kind = 'notPublished';
}
