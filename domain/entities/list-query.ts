import type { Filter } from 'mongodb';
import { getEntityMeta, sortableFields, type EntityType, type FilterableField } from '../../schemas';

export { sortableFields };
import type { StoredEntity } from './entity-document';
import { EntityValidationError } from './entity-errors';

import { filterOperators, type FieldFilter, type FilterOperator, type Scalar } from './filter-operators';

export { filterOperators, type FieldFilter, type FilterOperator, type Scalar };

/** Conditions combined: all of them (`and`) or any (`or`); groups nest. */
export type FilterGroup = { and: readonly FilterExpression[] } | { or: readonly FilterExpression[] };
export type FilterExpression = FieldFilter | FilterGroup;

export interface ListQuery {
  /** Conditions that must all hold. */
  filters?: readonly FieldFilter[];
  /** A condition tree that must hold too (see {@link FilterGroup}). */
  where?: FilterExpression;
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

/** Bounds on a condition tree: how deep groups nest and how many conditions it holds. */
export const maxFilterDepth = 4;
export const maxFilterConditions = 50;
export const maxInValues = 100;

export const maxListLimit = 200;

/**
 * Builds the Mongo filter of a list query. Only filterable fields and values of each field's type
 * reach it, so no operator a client wrote can; text is regex-escaped and anchored. A bad condition
 * is an {@link EntityValidationError} whose path names it (`filters[0]`, `where.or[1].value`).
 */
export function buildListFilter(type: EntityType, query: ListQuery): Filter<StoredEntity> {
  const meta = getEntityMeta(type);
  const fields = new Map(meta.filterable.map((f) => [f.path, f]));
  const clauses: Filter<StoredEntity>[] = [];
  const budget = { conditions: 0 };
  (query.filters ?? []).forEach((filter, i) => {
    clauses.push(compileCondition(type, fields, filter, `filters[${i}]`, budget));
  });
  if (query.where !== undefined)
    clauses.push(compileExpression(type, fields, query.where, 'where', 1, budget));
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

type Fields = ReadonlyMap<string, FilterableField>;

function compileExpression(
  type: EntityType,
  fields: Fields,
  expression: FilterExpression,
  path: string,
  depth: number,
  budget: { conditions: number },
): Filter<StoredEntity> {
  if (typeof expression !== 'object' || expression === null)
    throw invalid(path, 'must be a condition or a group');
  const group = 'and' in expression ? 'and' : 'or' in expression ? 'or' : undefined;
  if (group === undefined) return compileCondition(type, fields, expression as FieldFilter, path, budget);
  if (depth > maxFilterDepth) throw invalid(path, `groups nest at most ${maxFilterDepth} deep`);
  const members = (expression as Record<string, unknown>)[group];
  if (!Array.isArray(members) || members.length === 0)
    throw invalid(`${path}.${group}`, 'must be a non-empty list');
  const compiled = (members as FilterExpression[]).map((member, i) =>
    compileExpression(type, fields, member, `${path}.${group}[${i}]`, depth + 1, budget),
  );
  return group === 'and' ? { $and: compiled } : { $or: compiled };
}

function compileCondition(
  type: EntityType,
  fields: Fields,
  filter: FieldFilter,
  path: string,
  budget: { conditions: number },
): Filter<StoredEntity> {
  budget.conditions += 1;
  if (budget.conditions > maxFilterConditions)
    throw invalid(path, `at most ${maxFilterConditions} conditions`);
  const {
    field: name,
    op,
    value,
  } = (typeof filter === 'object' && filter !== null ? filter : {}) as Partial<FieldFilter>;
  const field = typeof name === 'string' ? fields.get(name) : undefined;
  if (field === undefined) {
    throw invalid(
      `${path}.field`,
      `${String(name)} is not a filterable field of ${type}; use one of ${[...fields.keys()].join(', ')}`,
    );
  }
  if (op === undefined || !filterOperators.includes(op)) {
    throw invalid(`${path}.op`, `must be one of ${filterOperators.join(', ')}`);
  }
  const at = `${path}.value`;
  switch (op) {
    case 'exists':
      if (typeof value !== 'boolean') throw invalid(at, 'must be true or false');
      return value ? { [field.path]: { $ne: null } } : { [field.path]: null };
    case 'in':
    case 'nin': {
      if (!Array.isArray(value) || value.length === 0 || value.length > maxInValues)
        throw invalid(at, `must be a list of 1 to ${maxInValues} values`);
      (value as unknown[]).forEach((v, i) => checkValue(field, v, `${at}[${i}]`));
      return { [field.path]: { [`$${op}`]: [...(value as Scalar[])] } };
    }
    case 'ieq':
      if (field.type !== 'string') throw invalid(`${path}.op`, 'ieq applies to text fields only');
      checkValue(field, value, at);
      return { [field.path]: { $regex: `^${escapeRegex(value as string)}$`, $options: 'i' } };
    case 'eq':
    case 'ne':
      checkValue(field, value, at);
      return op === 'eq' ? { [field.path]: value } : { [field.path]: { $ne: value } };
    default:
      if (!isOrdered(field)) throw invalid(`${path}.op`, `${op} applies to numbers and dates only`);
      checkValue(field, value, at);
      return { [field.path]: { [`$${op}`]: value } };
  }
}

/** Whether a field's values have an order (`gt`, `lte` …): numbers and dates. */
export function isOrdered(field: FilterableField): boolean {
  return (
    field.type === 'integer' ||
    field.type === 'number' ||
    field.format === 'date' ||
    field.format === 'date-time'
  );
}

function checkValue(field: FilterableField, value: unknown, path: string): void {
  const problem = valueProblem(field, value);
  if (problem !== undefined) throw invalid(path, problem);
}

/** Why `value` can't be compared with `field`, or undefined when it can. */
export function valueProblem(field: FilterableField, value: unknown): string | undefined {
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'must be an integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'string':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > 500) return 'at most 500 characters';
      return undefined;
  }
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
