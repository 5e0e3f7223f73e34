import type { Filter } from 'mongodb';
import { getEntityMeta, type EntityType } from '../../schemas';
import type { StoredEntity } from './entity-document';
import { EntityValidationError } from './entity-errors';

export type Scalar = string | number | boolean;
export type FilterOperator = 'eq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';

/** One typed condition on a filterable field; values are already parsed to the field's type. */
export interface FieldFilter {
  field: string;
  op: FilterOperator;
  value: Scalar | readonly Scalar[];
}

export interface ListQuery {
  filters?: readonly FieldFilter[];
  /** Case-insensitive prefix of any searchable field. */
  q?: string;
  /** Default `updatedAt` descending. */
  sort?: { field: string; direction: 1 | -1 };
  /** 1–200, default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  includeArchived?: boolean;
}

export const maxListLimit = 200;

/** Fields every type can sort on, besides its filterable fields. */
export function sortableFields(type: EntityType): string[] {
  return [
    ...new Set(['updatedAt', 'createdAt', '_id', ...getEntityMeta(type).filterable.map((f) => f.path)]),
  ];
}

/**
 * Builds the Mongo filter of a list query. Only filterable fields and plain scalar values reach it, so no
 * operator a client wrote can; search text is regex-escaped and anchored.
 */
export function buildListFilter(type: EntityType, query: ListQuery): Filter<StoredEntity> {
  const meta = getEntityMeta(type);
  const filterable = new Set(meta.filterable.map((f) => f.path));
  const clauses: Filter<StoredEntity>[] = [];
  for (const { field, op, value } of query.filters ?? []) {
    if (!filterable.has(field)) throw invalid(field, `${field} is not a filterable field of ${type}`);
    const values = Array.isArray(value) ? value : [value];
    if (!values.every(isScalar)) throw invalid(field, 'must be a plain value');
    if (op === 'in') clauses.push({ [field]: { $in: [...values] } });
    else if (Array.isArray(value)) throw invalid(field, 'must be a single value');
    else clauses.push(op === 'eq' ? { [field]: value } : { [field]: { [`$${op}`]: value } });
  }
  if (query.q !== undefined && query.q !== '') {
    if (meta.searchable.length === 0) throw invalid('q', `${type} has no searchable fields`);
    const pattern = `^${escapeRegex(query.q)}`;
    clauses.push({ $or: meta.searchable.map((field) => ({ [field]: { $regex: pattern, $options: 'i' } })) });
  }
  if (query.includeArchived !== true) clauses.push({ archived: false });
  const sort = query.sort ?? { field: 'updatedAt', direction: -1 };
  if (query.cursor !== undefined) clauses.push(afterCursor(sort, decodeCursor(query.cursor)));
  return clauses.length === 0 ? {} : { $and: clauses };
}

function afterCursor(
  sort: { field: string; direction: 1 | -1 },
  [value, id]: [Scalar | null, string],
): Filter<StoredEntity> {
  const cmp = sort.direction === 1 ? '$gt' : '$lt';
  if (sort.field === '_id') return { _id: { [cmp]: id } };
  // Missing values sort lowest: after a null in descending order only nulls remain; in ascending order
  // every non-null value still follows.
  if (value === null) {
    const sameNull = { [sort.field]: null, _id: { [cmp]: id } };
    return sort.direction === -1 ? sameNull : { $or: [sameNull, { [sort.field]: { $ne: null } }] };
  }
  const beyond: Filter<StoredEntity> = { [sort.field]: { [cmp]: value } };
  const tie: Filter<StoredEntity> = { [sort.field]: value, _id: { [cmp]: id } };
  return { $or: sort.direction === -1 ? [beyond, tie, { [sort.field]: null }] : [beyond, tie] };
}

/** The cursor after `doc`: its sort value and id, base64url JSON. */
export function encodeCursor(sortField: string, doc: StoredEntity): string {
  const value = doc[sortField];
  return Buffer.from(JSON.stringify([isScalar(value) ? value : null, doc._id])).toString('base64url');
}

function decodeCursor(cursor: string): [Scalar | null, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || isScalar(parsed[0])) &&
      typeof parsed[1] === 'string'
    ) {
      return [parsed[0] as Scalar | null, parsed[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor', 'is not a cursor this server issued');
}

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Escapes every regex metacharacter so search text matches literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function invalid(path: string, message: string): EntityValidationError {
  return new EntityValidationError(`invalid list query: ${path} ${message}`, [{ path, message }]);
}
