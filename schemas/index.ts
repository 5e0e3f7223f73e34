/**
 * The data model's public API: entity schemas by type, their metadata, validators and generated types.
 * Everything here is free of Node built-ins, so the editor can import it too.
 */
export { entitySchemas, getEntitySchema, isEntityType } from './entity-schemas';
export { getEntityMeta, sortableFields } from './entity-metadata';
export { documentChains, documentLinks, documentTypes, isDocumentType } from './document-flow';
export type { DocumentLink, DocumentType, FlowDirection } from './document-flow';
export type {
  ComputedField,
  EntityMeta,
  FilterableField,
  ReferenceField,
  StatusMeta,
} from './entity-metadata';
export { keyName, keyValues, normalise, uniqueKeyOf } from './unique-key';
export type { KeyCondition, UniqueKey, UniqueKeyAnnotation } from './unique-key';
export { getInputSchema, validateEntity } from './validators';
export type { ValidationMode, ValidationResult } from './validators';
export { describeIssues } from './validation-issues';
export type { ValidationIssue } from './validation-issues';
export { systemFieldNames } from './json-schema';
export { followUpOf, followUpRecords, followUpsFor } from './follow-up-records';
export type { FollowUpRecord } from './follow-up-records';
export { prefillFrom } from './prefill-from';
export type { PrefillSource } from './prefill-from';
export { humanize, lowerWords, spokenList, withArticle } from './words';
export type { ComputeRule, DuplicateKind, EntitySchema, JsonSchema } from './json-schema';
export * from './types/index.generated';
