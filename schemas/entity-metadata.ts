import { uniqueKeyOf, type UniqueKey } from './unique-key';
import { getEntitySchema, isEntityType } from './entity-schemas';
import type { ComputeRule, DuplicateKind, EntitySchema } from './json-schema';
import type { EntityType } from './types/index.generated';
import { roleNames, type Role } from './vocabulary';
import { walkFields } from './walk-fields';

/** A field the server computes; `path` uses `*` for array items, e.g. `lines.*.lineTotal`. */
export interface ComputedField {
  path: string;
  rule: ComputeRule;
}

/** A field holding the id of another record, which must exist. */
export interface ReferenceField {
  path: string;
  target: EntityType;
}

/** A top-level field usable as a typed list filter. */
export interface FilterableField {
  path: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  /** `date`, `date-time` or `email` when the string has a format. */
  format?: string;
  /** The allowed values when the field is an enum. */
  enum?: readonly string[];
}

/** The status field of a type and the moves it allows. */
export interface StatusMeta {
  /** Usually `status`; `stage` for opportunities. */
  field: string;
  values: readonly string[];
  /** The status a record gets when created without one. */
  default: string;
  /** Statuses a record may be created in. */
  initial: readonly string[];
  /** For each status, the statuses it may change to. */
  transitions: Readonly<Record<string, readonly string[]>>;
  /** Roles (besides admin) for moves into a status (`approved`) or for one move (`draft->sent`). */
  transitionRoles: Readonly<Record<string, readonly Role[]>>;
}

/** A field only some roles may set (`x-controlled`), except while the record is in a `freeIn` status. */
export interface ControlledField {
  path: string;
  roles: readonly Role[];
  freeIn: readonly string[];
}

/** Everything the server, worker and editor need to know about an entity type beyond its shape. */
export interface EntityMeta {
  type: EntityType;
  group: 'crm' | 'erp';
  /** Human name of the type, e.g. "Sales order". */
  label: string;
  /** The field that names a record in lists and links. */
  titleField: string;
  /** Every field clients never write: system fields, computed fields and document numbers. */
  readOnlyPaths: readonly string[];
  computed: readonly ComputedField[];
  /** The domain rules to run before every write of this type. */
  computeRules: readonly ComputeRule[];
  refs: readonly ReferenceField[];
  /** Unique business keys, enforced by the repository (see {@link UniqueKey}). */
  uniqueKeys: readonly UniqueKey[];
  numbering?: { field: string; prefix: string };
  status?: StatusMeta;
  filterable: readonly FilterableField[];
  searchable: readonly string[];
  duplicateFields: readonly { path: string; kind: DuplicateKind }[];
  controlled: readonly ControlledField[];
}

const cache = new Map<EntityType, EntityMeta>();

/**
 * Reads the `x-` annotations of an entity schema into typed metadata, once per type.
 *
 * @example
 * getEntityMeta('quote').numbering; // { field: 'number', prefix: 'QUO' }
 * getEntityMeta('stockItem').uniqueKeys; // [{ fields: ['productId', 'warehouseId'] }]
 */
export function getEntityMeta(type: EntityType): EntityMeta {
  let meta = cache.get(type);
  if (meta === undefined) {
    meta = readEntityMeta(type, getEntitySchema(type));
    cache.set(type, meta);
  }
  return meta;
}

/** Reads the metadata of any entity schema; {@link getEntityMeta} is the cached form for the known types. */
export function readEntityMeta(type: EntityType, schema: EntitySchema): EntityMeta {
  const readOnlyPaths: string[] = [];
  const computed: ComputedField[] = [];
  const refs: ReferenceField[] = [];
  const uniqueKeys: UniqueKey[] = [];
  const filterable: FilterableField[] = [];
  const searchable: string[] = [];
  const duplicateFields: { path: string; kind: DuplicateKind }[] = [];
  const controlled: ControlledField[] = [];
  let numbering: EntityMeta['numbering'];
  let status: StatusMeta | undefined;

  walkFields(schema, ({ path, schema: field }) => {
    if (field.readOnly === true) readOnlyPaths.push(path);
    if (field['x-computed'] !== undefined) computed.push({ path, rule: field['x-computed'] });
    const target = field['x-ref'];
    if (target !== undefined) {
      if (!isEntityType(target))
        throw new Error(`${type}.${path}: x-ref names unknown entity type ${target}`);
      refs.push({ path, target });
    }
    if (field['x-unique'] === true) uniqueKeys.push({ fields: [path] });
    if (field['x-numbering'] !== undefined) numbering = { field: path, prefix: field['x-numbering'].prefix };
    if (field['x-filterable'] === true)
      filterable.push(filterableField(path, field.type, field.format, field.enum));
    if (field['x-searchable'] === true) searchable.push(path);
    if (field['x-duplicate'] !== undefined) duplicateFields.push({ path, kind: field['x-duplicate'] });
    const control = field['x-controlled'];
    if (control !== undefined)
      controlled.push({
        path,
        roles: rolesOf(type, path, control.roles),
        freeIn: [...(control.freeIn ?? [])],
      });
    const transitions = field['x-transitions'];
    if (transitions !== undefined) {
      const initialDefault = String(field.default);
      status = {
        field: path,
        values: [...(field.enum ?? [])],
        default: initialDefault,
        initial: [...(field['x-initial'] ?? [initialDefault])],
        transitions: Object.fromEntries(Object.entries(transitions).map(([from, to]) => [from, [...to]])),
        transitionRoles: Object.fromEntries(
          Object.entries(field['x-transition-roles'] ?? {}).map(([move, roles]) => [
            move,
            rolesOf(type, path, roles),
          ]),
        ),
      };
    }
  });
  for (const key of schema['x-unique-keys'] ?? []) uniqueKeys.push(uniqueKeyOf(key));

  return deepFreeze({
    type,
    group: schema['x-group'],
    label: schema.title,
    titleField: schema['x-title'],
    readOnlyPaths,
    computed,
    computeRules: [...new Set(computed.map((field) => field.rule))],
    refs,
    uniqueKeys,
    ...(numbering === undefined ? {} : { numbering }),
    ...(status === undefined ? {} : { status }),
    filterable,
    searchable,
    duplicateFields,
    controlled,
  });
}

function rolesOf(type: EntityType, path: string, names: readonly string[]): Role[] {
  for (const name of names)
    if (!(roleNames as readonly string[]).includes(name))
      throw new Error(`${type}.${path}: unknown role ${name}`);
  return names as Role[];
}

function filterableField(
  path: string,
  type: string | undefined,
  format: string | undefined,
  values: readonly string[] | undefined,
): FilterableField {
  if (type !== 'string' && type !== 'integer' && type !== 'number' && type !== 'boolean') {
    throw new Error(`${path}: only scalar fields can be filterable, not ${String(type)}`);
  }
  return {
    path,
    type,
    ...(format === undefined ? {} : { format }),
    ...(values === undefined ? {} : { enum: [...values] }),
  };
}

// Metadata is shared by every caller; freezing it turns an accidental mutation into an error. Everything
// frozen here is a copy, so the schema objects themselves stay untouched.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The fields a list of `type` can sort on: its filterable fields, `updatedAt`, `createdAt` and `_id`. */
export function sortableFields(type: EntityType): string[] {
  return [
    ...new Set(['updatedAt', 'createdAt', '_id', ...getEntityMeta(type).filterable.map((f) => f.path)]),
  ];
}
