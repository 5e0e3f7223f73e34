/** One field-level problem, ready for an HTTP error's `details`. */
export interface EntityErrorDetail {
  path: string;
  message: string;
}

/** Base of the repository's expected failures; the routes map each subclass to one HTTP status. */
export abstract class EntityError extends Error {
  abstract readonly kind:
    'notFound' | 'versionConflict' | 'duplicateKey' | 'validation' | 'invariant' | 'forbidden';
  constructor(
    message: string,
    readonly details: EntityErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The record does not exist (HTTP 404). */
export class EntityNotFoundError extends EntityError {
  override name = 'EntityNotFoundError';
  readonly kind = 'notFound';
}

/** The caller's expected version is stale (HTTP 412). */
export class VersionConflictError extends EntityError {
  override name = 'VersionConflictError';
  readonly kind = 'versionConflict';
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message, [{ path: 'version', message: `current version is ${currentVersion}` }]);
  }
}

/** A record holding a unique key another write wanted. */
export interface DuplicateHolder {
  /** The key's name: `salesOrderId`, `productId+warehouseId`. */
  key: string;
  id: string;
  /** The holder's title (number or name). */
  title: string;
}

/** A unique key is taken (HTTP 409); `details` name the fields, `holders` the records that hold them. */
export class DuplicateKeyError extends EntityError {
  override name = 'DuplicateKeyError';
  readonly kind = 'duplicateKey';
  constructor(
    message: string,
    details: EntityErrorDetail[] = [],
    readonly holders: readonly DuplicateHolder[] = [],
  ) {
    super(message, details);
  }
}

/** The document does not match its schema (HTTP 400). */
export class EntityValidationError extends EntityError {
  override name = 'EntityValidationError';
  readonly kind = 'validation';
}

/**
 * A well-formed request that breaks a business rule: a forbidden status change, a missing or archived
 * reference, insufficient stock, an overpayment (HTTP 422).
 */
export class InvariantError extends EntityError {
  override name = 'InvariantError';
  readonly kind = 'invariant';
}

/**
 * The writer's roles may not make this write, or may not set a controlled field or make a
 * controlled status move (HTTP 403); the message and `details` name what and who may.
 */
export class WriteForbiddenError extends EntityError {
  override name = 'WriteForbiddenError';
  readonly kind = 'forbidden';
}
