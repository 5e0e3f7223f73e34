import type { FieldFilter, FilterOperator, ListQuery, Scalar } from '../../../domain/entities';
import {
  filterOperators,
  isOrdered,
  maxInValues,
  maxListLimit,
  sortableFields,
} from '../../../domain/entities';
import { getEntityMeta, type EntityType, type FilterableField } from '../../../schemas';
import { HttpError, type ErrorDetail } from '../../http/http-error';

const reserved = new Set(['sort', 'limit', 'cursor', 'q', 'includeArchived']);
const listOperators = new Set<FilterOperator>(['in', 'nin']);

/**
 * Parses list query parameters into a typed {@link ListQuery}, from the type's filterable fields only:
 *
 * - `field=value` (or `field[eq]=value`): equality; `field[ne]=value`: anything else;
 * - `field[gt|gte|lt|lte]=value`: ranges, for number, integer, date and date-time fields;
 * - `field[in]=a,b,c`, `field[nin]=a,b,c`: any of, or none of, up to 100 values;
 * - `field[exists]=true|false`: the field is set, or not;
 * - `field[ieq]=text`: equal ignoring case, for text fields;
 * - `q=text`: case-insensitive prefix of any searchable field;
 * - `sort=field` or `sort=-field` (default `-updatedAt`), `limit=1..200` (default 50), `cursor=…`,
 *   `includeArchived=true`.
 *
 * Values are converted to the field's type (`true`/`false`, integers, ISO dates, enum members); an
 * unknown parameter, a repeated parameter or a value that looks like an operator or JSON is a 400
 * naming the parameter.
 */
export function parseListParams(type: EntityType, query: Record<string, unknown>): ListQuery {
  const meta = getEntityMeta(type);
  const fields = new Map(meta.filterable.map((f) => [f.path, f]));
  const errors: ErrorDetail[] = [];
  const filters: FieldFilter[] = [];
  const result: ListQuery = {};
  for (const [param, raw] of Object.entries(query)) {
    if (typeof raw !== 'string') {
      errors.push({ path: param, message: 'must be given once, as a plain value' });
      continue;
    }
    if (reserved.has(param)) {
      readReserved(type, param, raw, result, errors);
      continue;
    }
    const match = /^([A-Za-z][A-Za-z0-9]*)(?:\[([a-z]+)\])?$/.exec(param);
    const field = match === null ? undefined : fields.get(match[1] ?? '');
    if (match === null || field === undefined) {
      errors.push({
        path: param,
        message: `unknown query parameter; filterable fields of ${type}: ${[...fields.keys()].join(', ')}`,
      });
      continue;
    }
    const op = (match[2] ?? 'eq') as FilterOperator;
    if (!filterOperators.includes(op)) {
      errors.push({ path: param, message: `unknown operator ${op}; use ${filterOperators.join(', ')}` });
      continue;
    }
    if (['gt', 'gte', 'lt', 'lte'].includes(op) && !isOrdered(field)) {
      errors.push({ path: param, message: `${op} applies to numbers and dates only` });
      continue;
    }
    if (op === 'ieq' && field.type !== 'string') {
      errors.push({ path: param, message: 'ieq applies to text fields only' });
      continue;
    }
    if (op === 'exists') {
      if (raw !== 'true' && raw !== 'false') errors.push({ path: param, message: 'must be true or false' });
      else filters.push({ field: field.path, op, value: raw === 'true' });
      continue;
    }
    const texts = listOperators.has(op) ? raw.split(',') : [raw];
    if (texts.length > maxInValues) {
      errors.push({ path: param, message: `at most ${maxInValues} values` });
      continue;
    }
    const values: Scalar[] = [];
    for (const text of texts) {
      const parsed = parseValue(field, text);
      if (typeof parsed === 'object') errors.push({ path: param, message: parsed.error });
      else values.push(parsed);
    }
    if (values.length === texts.length) {
      const [first] = values;
      filters.push({
        field: field.path,
        op,
        value: listOperators.has(op) || first === undefined ? values : first,
      });
    }
  }
  if (errors.length > 0) throw new HttpError('bad_request', `invalid query for ${type} list`, errors);
  return { ...result, filters };
}

function readReserved(
  type: EntityType,
  param: string,
  raw: string,
  result: ListQuery,
  errors: ErrorDetail[],
): void {
  switch (param) {
    case 'q':
      if (raw.length > 200) errors.push({ path: 'q', message: 'at most 200 characters' });
      else result.q = raw;
      return;
    case 'cursor':
      result.cursor = raw;
      return;
    case 'includeArchived':
      if (raw !== 'true' && raw !== 'false') errors.push({ path: param, message: 'must be true or false' });
      else result.includeArchived = raw === 'true';
      return;
    case 'limit': {
      const limit = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
      if (!(limit >= 1 && limit <= maxListLimit))
        errors.push({ path: param, message: `must be an integer from 1 to ${maxListLimit}` });
      else result.limit = limit;
      return;
    }
    case 'sort': {
      const field = raw.startsWith('-') ? raw.slice(1) : raw;
      const allowed = sortableFields(type);
      if (!allowed.includes(field))
        errors.push({
          path: param,
          message: `must be one of ${allowed.join(', ')}, optionally prefixed with -`,
        });
      else result.sort = { field, direction: raw.startsWith('-') ? -1 : 1 };
      return;
    }
  }
}

function parseValue(field: FilterableField, text: string): Scalar | { error: string } {
  if (/^[{[$]/.test(text.trim())) return { error: 'must be a plain value, not an operator or JSON' };
  switch (field.type) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : { error: 'must be true or false' };
    case 'integer':
      return /^-?[0-9]{1,15}$/.test(text) ? Number(text) : { error: 'must be an integer' };
    case 'number': {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value) ? value : { error: 'must be a number' };
    }
    case 'string':
      if (field.enum !== undefined && !field.enum.includes(text))
        return { error: `must be one of ${field.enum.join(', ')}` };
      if (field.format === 'date' && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text))
        return { error: 'must be a date, e.g. 2026-01-31' };
      if (
        field.format === 'date-time' &&
        (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?$/.test(text) || Number.isNaN(Date.parse(text)))
      ) {
        return { error: 'must be an ISO date-time, e.g. 2026-01-31T12:00:00.000Z' };
      }
      if (text.length > 500) return { error: 'at most 500 characters' };
      return text;
  }
}
