/** The entity store: the repository every entity write goes through, its version log, and its stock movements. */
export { createEntityRepository } from './entity-repository';
export type {
  CreateResult,
  EntityRepository,
  FindOrCreateMatch,
  ListResult,
  RepositoryOptions,
} from './entity-repository';
export { entityCollection, entityCollectionName, hiddenFields, toRecord } from './entity-document';
export type { EntityRecord, StoredEntity } from './entity-document';
export {
  DuplicateKeyError,
  EntityError,
  EntityNotFoundError,
  EntityValidationError,
  InvariantError,
  VersionConflictError,
} from './entity-errors';
export type { DuplicateHolder, EntityErrorDetail } from './entity-errors';
export {
  filterOperators,
  isOrdered,
  maxFilterConditions,
  maxFilterDepth,
  maxInValues,
  maxListLimit,
  sortableFields,
} from './list-query';
export type {
  FieldFilter,
  FilterExpression,
  FilterGroup,
  FilterOperator,
  ListQuery,
  Scalar,
} from './list-query';
export { applyMergePatch } from './merge-patch';
export type { PossibleDuplicate } from './possible-duplicates';
export {
  findStockItemId,
  moveStock,
  receiveStock,
  releaseStock,
  reserveStock,
  shipStock,
} from './stock-movements';
export {
  consumeOrderReservations,
  findOrderReservations,
  getReservation,
  InsufficientStockError,
  releaseReservation,
  reserveStockLines,
} from './stock-reservations';
export type {
  ReservationOutcome,
  ReservedLine,
  StockLine,
  StockReservation,
  StockShortage,
} from './stock-reservations';
export { readHead } from './projection';
export { ensureReferenceIndexes, findRelatedDocuments, relatedLimits } from './related-documents';
export type { RelatedDocument, RelatedDocuments, RelatedLimits } from './related-documents';
export { isTransientStoreError, withStoreRetry } from './store-retry';
export { migrateToVersionLog } from './migrate-version-log';
export { backfillKeyClaims } from './unique-keys';
export { ensureVersionLogIndexes, versionLog, versionLogCollection } from './version-log';
export type { VersionDocument } from './version-log';
export { derivedWrite, type WriteContext } from './write-context';
