import type { UniqueKeyAnnotation } from './unique-key';
/**
 * The subset of JSON Schema draft-07 the entity schemas use, plus Ledgerline's `x-` annotations.
 * Hand-written because it describes the schema files themselves, which no schema generates.
 */

/** Which pure domain rule fills a computed field (see domain/rules/). */
export type ComputeRule = 'totals' | 'payments' | 'stock';

/** Which kind of duplicate check a field takes part in (see domain/rules/duplicate-match.ts). */
export type DuplicateKind = 'name' | 'email';

/** A JSON Schema node as the entity schema files write it. */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: readonly string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  readOnly?: boolean;
  additionalProperties?: boolean;
  required?: readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  items?: JsonSchema;
  definitions?: Readonly<Record<string, JsonSchema>>;
  dependencies?: Readonly<Record<string, readonly string[]>>;

  /** Root: the entity type name (URL name), equal to the file name. */
  'x-entity'?: string;
  /** Root: the product area, for navigation. */
  'x-group'?: 'crm' | 'erp';
  /** Root: the property that names a record in lists, pickers and links. */
  'x-title'?: string;
  /**
   * Root: unique keys, each a list of top-level properties, or `{fields, when, caseInsensitive}` for
   * a key that binds only the records matching `when` (see {@link UniqueKey}).
   */
  'x-unique-keys'?: readonly UniqueKeyAnnotation[];
  /** Field: the server computes it with this rule; clients never write it. Always with readOnly. */
  'x-computed'?: ComputeRule;
  /** Field: holds the id of a record of this entity type, which must exist. */
  'x-ref'?: string;
  /** Field: unique across all records of the type (a unique index). */
  'x-unique'?: boolean;
  /** Field: filled from the gapless per-year sequence with this prefix, e.g. QUO-2026-000123. */
  'x-numbering'?: { readonly prefix: string };
  /** Status field: allowed target statuses for each status. */
  'x-transitions'?: Readonly<Record<string, readonly string[]>>;
  /** Status field: statuses a record may be created in; defaults to the field's `default`. */
  'x-initial'?: readonly string[];
  /**
   * Top-level field: only these roles (and `admin`) may set or change it, on create (a value other
   * than its default) and on update; `freeIn` lists the statuses of the record in which any writer
   * of the type may still change it (a quote's discount while it is a draft).
   */
  'x-controlled'?: { readonly roles: readonly string[]; readonly freeIn?: readonly string[] };
  /**
   * Status field: the roles (besides `admin`) that may move a record into a status (`"approved"`)
   * or make one move (`"draft->sent"`). Runs act with their workflow version's publisher's roles.
   */
  'x-transition-roles'?: Readonly<Record<string, readonly string[]>>;
  /** Top-level scalar field: may be used as a typed list filter (`?field=value`). */
  'x-filterable'?: boolean;
  /** Top-level text field: matched by free-text search. */
  'x-searchable'?: boolean;
  /** Field: compared with existing records to hint at possible duplicates. */
  'x-duplicate'?: DuplicateKind;
}

/** A JSON Schema for one entity type: an object schema at the root. */
export interface EntitySchema extends JsonSchema {
  type: 'object';
  title: string;
  description: string;
  'x-entity': string;
  'x-group': 'crm' | 'erp';
  'x-title': string;
  properties: Readonly<Record<string, JsonSchema>>;
  required: readonly string[];
}

/** The system fields every entity document carries, set by the repository and never by clients. */
export const systemFieldNames = [
  '_id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'archived',
] as const;

/** Resolves a local `#/definitions/<name>` reference; keywords beside the `$ref` (a title) win. */
export function resolveLocalRef(root: JsonSchema, node: JsonSchema): JsonSchema {
  if (node.$ref === undefined) return node;
  const prefix = '#/definitions/';
  const target = node.$ref.startsWith(prefix)
    ? root.definitions?.[node.$ref.slice(prefix.length)]
    : undefined;
  if (target === undefined)
    throw new Error(`Unresolvable $ref ${node.$ref}: only #/definitions/<name> is supported`);
  const { $ref: _ref, ...siblings } = node;
  return { ...target, ...siblings };
}
