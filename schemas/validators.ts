import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { addAnnotationKeywords } from './annotation-keywords';
import { getEntitySchema } from './entity-schemas';
import { deriveInputSchema, stripReadOnly } from './input-schema';
import type { EntitySchema } from './json-schema';
import type { EntityInputMap, EntityType, EntityTypeMap } from './types/index.generated';
import { toValidationIssues, type ValidationIssue } from './validation-issues';

/**
 * - `create`: a document as a client (or a workflow) writes it, for POST, or a stored document with a merge
 *   patch applied, for PATCH. Read-only fields (system fields, computed fields, the document number) are
 *   stripped and listed in `stripped`; defaults are filled in on the returned copy. The input is untouched.
 * - `replace`: the complete document the repository is about to store, after it set the system fields and
 *   ran the compute rules. Nothing is stripped or filled in; every required field must be present.
 */
export type ValidationMode = 'create' | 'replace';

export type ValidationResult<V> =
  { ok: true; value: V; stripped: string[] } | { ok: false; errors: ValidationIssue[] };

const ajvOptions = { allErrors: true, strict: true } as const;
// Two instances because `useDefaults` is per instance: only client input gets defaults filled in.
const inputAjv = addAnnotationKeywords(addFormats(new Ajv({ ...ajvOptions, useDefaults: true })));
const storedAjv = addAnnotationKeywords(addFormats(new Ajv(ajvOptions)));

const inputSchemas = new Map<EntityType, EntitySchema>();
const compiled = new Map<string, ValidateFunction>();

/**
 * The schema of what a client may send for a type: the entity schema without read-only fields, and with
 * defaulted fields optional. Serve it for create forms and API request bodies.
 */
export function getInputSchema(type: EntityType): EntitySchema {
  let schema = inputSchemas.get(type);
  if (schema === undefined) {
    schema = deriveInputSchema(getEntitySchema(type));
    inputSchemas.set(type, schema);
  }
  return schema;
}

function validatorFor(type: EntityType, mode: ValidationMode): ValidateFunction {
  const key = `${mode}:${type}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate =
      mode === 'create' ? inputAjv.compile(getInputSchema(type)) : storedAjv.compile(getEntitySchema(type));
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Validates an entity document against its type's schema, compiling each schema once on first use.
 * Error paths are dotted (`lines.0.quantity`), name the offending field for unknown and missing
 * properties, and are ready for the HTTP error's `details`.
 *
 * @example
 * validateEntity('quote', { accountId: 'a1', currency: 'EUR', total: 9 }, 'create');
 * // { ok: true, value: { accountId: 'a1', currency: 'EUR', status: 'draft', …, lines: [] }, stripped: ['total'] }
 * validateEntity('quote', { accountId: 'a1', currency: 'euro' }, 'create');
 * // { ok: false, errors: [{ path: 'currency', message: 'must match pattern "^[A-Z]{3}$"' }] }
 */
export function validateEntity<T extends EntityType>(
  type: T,
  doc: unknown,
  mode: 'create',
): ValidationResult<EntityInputMap[T]>;
export function validateEntity<T extends EntityType>(
  type: T,
  doc: unknown,
  mode: 'replace',
): ValidationResult<EntityTypeMap[T]>;
export function validateEntity<T extends EntityType>(
  type: T,
  doc: unknown,
  mode: ValidationMode,
): ValidationResult<EntityInputMap[T] | EntityTypeMap[T]>;
export function validateEntity<T extends EntityType>(
  type: T,
  doc: unknown,
  mode: ValidationMode,
): ValidationResult<EntityInputMap[T] | EntityTypeMap[T]> {
  const { value, stripped } =
    mode === 'create' ? stripReadOnly(getEntitySchema(type), doc) : { value: doc, stripped: [] };
  const validate = validatorFor(type, mode);
  if (validate(value)) return { ok: true, value: value as EntityInputMap[T] | EntityTypeMap[T], stripped };
  return { ok: false, errors: toValidationIssues(validate.errors ?? []) };
}
