import type { ValidationError } from '../../workflows';

/** Base of the workflow store's expected failures; the routes map each kind to one HTTP status. */
export abstract class WorkflowStoreError extends Error {
  abstract readonly kind:
    'notFound' | 'revisionConflict' | 'invalidDraft' | 'invalidDefinition' | 'notPublished' | 'forbidden';
}

/** A refusal that lists the problems it found in a definition, each naming its node or edge. */
export abstract class DefinitionProblemsError extends WorkflowStoreError {
  constructor(
    message: string,
    readonly errors: ValidationError[],
  ) {
    super(message);
  }
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
export class InvalidDraftError extends DefinitionProblemsError {
  override name = 'InvalidDraftError';
  readonly kind = 'invalidDraft';
}

/** Publish refused a draft that fails validation (HTTP 422); `errors` name node ids and param paths. */
export class InvalidDefinitionError extends DefinitionProblemsError {
  override name = 'InvalidDefinitionError';
  readonly kind = 'invalidDefinition';
}

/** The workflow has no published version to run (HTTP 409). */
export class NotPublishedError extends WorkflowStoreError {
  override name = 'NotPublishedError';
  readonly kind = 'notPublished';
}

/**
 * Publish refused a draft whose nodes write what the publisher's roles may not (HTTP 403): runs act
 * as their publisher, so nobody publishes a write they could not make by hand. `errors` name the
 * node, the param and the roles that may.
 */
export class PublishForbiddenError extends DefinitionProblemsError {
  override name = 'PublishForbiddenError';
  readonly kind = 'forbidden';
}
