import { entityTypes, isEntityType, sortableFields, type EntityType } from '../../schemas';
import {
  maxInValues,
  valueProblem as listValueProblem,
  type FilterOperator,
  type Scalar,
} from '../entities/list-query';
import { relativeDatePattern } from './relative-dates';
import { reportDefinitionOf, type Report, type ReportDefinition, type ReportFilter } from './report-types';
import {
  filterOperators,
  isNumericField,
  operatorsFor,
  reportFields,
  type ReportField,
} from './report-fields';

export type { Report, ReportDefinition, ReportFilter };
export { reportDefinitionOf };

export interface ReportProblem {
  path: string;
  message: string;
}

/** A report definition that is not valid; `problems` name the fields by path (`filters[1].value`). */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
  constructor(readonly problems: ReportProblem[]) {
    super(`The report is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export const maxReportColumns = 30;
export const maxReportFilters = 20;
const knownKeys = ['name', 'description', 'entityType', 'filters', 'columns', 'sort', 'groupBy'];

/**
 * Checks a report definition against the entity schema: the type exists, columns, filter, sort and
 * group fields are fields of it, operators and values fit each field (as in the list API). Throws a
 * {@link ReportInputError} listing every problem with its path.
 *
 * @example
 * parseReportDefinition({ name: 'Big quotes', entityType: 'quote', columns: ['number', 'total'], filters: [{ field: 'total', op: 'gte', value: 100000 }] });
 */
export function parseReportDefinition(input: unknown): ReportDefinition {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ReportInputError([{ path: '', message: 'must be a JSON object' }]);
  const body = input as Record<string, unknown>;
  const problems: ReportProblem[] = Object.keys(body)
    .filter((key) => !knownKeys.includes(key))
    .map((key) => ({ path: key, message: `is not a known field; use ${knownKeys.join(', ')}` }));
  const { name, description, entityType } = body;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
    problems.push({ path: 'name', message: 'must be text of 1 to 200 characters' });
  if (description !== undefined && (typeof description !== 'string' || description.length > 2000))
    problems.push({ path: 'description', message: 'must be text of at most 2000 characters' });
  if (typeof entityType !== 'string' || !isEntityType(entityType)) {
    problems.push({ path: 'entityType', message: `must be one of ${entityTypes.join(', ')}` });
    throw new ReportInputError(problems);
  }
  const fields = new Map(reportFields(entityType).map((field) => [field.path, field]));
  const fieldNames = [...fields.keys()].join(', ');
  const columns = readColumns(body.columns, fields, fieldNames, problems);
  const filters = readFilters(entityType, body.filters, fields, problems);
  const sort = readSort(entityType, body.sort, problems);
  const groupBy = readGroupBy(body.groupBy, fields, fieldNames, columns, problems);
  if (problems.length > 0) throw new ReportInputError(problems);
  return {
    name: (name as string).trim(),
    ...(description === undefined || description === '' ? {} : { description: description as string }),
    entityType,
    filters,
    columns,
    ...(sort === undefined ? {} : { sort }),
    ...(groupBy === undefined ? {} : { groupBy }),
  };
}

function readColumns(
  value: unknown,
  fields: ReadonlyMap<string, ReportField>,
  fieldNames: string,
  problems: ReportProblem[],
): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxReportColumns) {
    problems.push({ path: 'columns', message: `must be a list of 1 to ${maxReportColumns} field names` });
    return [];
  }
  value.forEach((column, i) => {
    if (typeof column !== 'string' || !fields.has(column))
      problems.push({
        path: `columns[${i}]`,
        message: `${String(column)} is not a field; use one of ${fieldNames}`,
      });
    else if (value.indexOf(column) !== i)
      problems.push({ path: `columns[${i}]`, message: `${column} is listed twice` });
  });
  return value.filter((column): column is string => typeof column === 'string');
}

function readFilters(
  type: EntityType,
  value: unknown,
  fields: ReadonlyMap<string, ReportField>,
  problems: ReportProblem[],
): ReportFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > maxReportFilters) {
    problems.push({ path: 'filters', message: `must be a list of at most ${maxReportFilters} conditions` });
    return [];
  }
  const filterable = [...fields.values()].filter((f) => f.filterable).map((f) => f.path);
  const filters: ReportFilter[] = [];
  value.forEach((raw, i) => {
    const at = `filters[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ path: at, message: 'must be {field, op, value}' });
      return;
    }
    const { field: name, op, value: operand, ...rest } = raw as Record<string, unknown>;
    for (const key of Object.keys(rest))
      problems.push({ path: `${at}.${key}`, message: 'is not a known field' });
    const field = typeof name === 'string' ? fields.get(name) : undefined;
    if (field === undefined || !field.filterable) {
      problems.push({
        path: `${at}.field`,
        message: `${String(name)} is not a filterable field of ${type}; use one of ${filterable.join(', ')}`,
      });
      return;
    }
    const allowed = operatorsFor(field);
    if (typeof op !== 'string' || !allowed.includes(op as FilterOperator)) {
      const known = filterOperators.includes(op as FilterOperator);
      problems.push({
        path: `${at}.op`,
        message: known
          ? `${String(op)} does not apply to ${field.path}; use one of ${allowed.join(', ')}`
          : `must be one of ${allowed.join(', ')}`,
      });
      return;
    }
    const problem = operandProblem(field, op as FilterOperator, operand);
    if (problem !== undefined) {
      problems.push({
        path: `${at}.value${problem.index === undefined ? '' : `[${problem.index}]`}`,
        message: problem.message,
      });
      return;
    }
    filters.push({ field: field.path, op: op as FilterOperator, value: operand as Scalar | Scalar[] });
  });
  return filters;
}

function operandProblem(
  field: ReportField,
  op: FilterOperator,
  operand: unknown,
): { message: string; index?: number } | undefined {
  if (op === 'exists') return typeof operand === 'boolean' ? undefined : { message: 'must be true or false' };
  if (op === 'in' || op === 'nin') {
    if (!Array.isArray(operand) || operand.length === 0 || operand.length > maxInValues)
      return { message: `must be a list of 1 to ${maxInValues} values` };
    for (const [index, item] of operand.entries()) {
      const message = valueProblem(field, item);
      if (message !== undefined) return { message, index };
    }
    return undefined;
  }
  const message = valueProblem(field, operand);
  return message === undefined ? undefined : { message };
}

/** Why `value` can't be compared with `field`: the list query's check, plus enums and dates as the list API parses them. */
function valueProblem(field: ReportField, value: unknown): string | undefined {
  const problem = listValueProblem(field, value);
  if (problem !== undefined || typeof value !== 'string') return problem;
  if (field.enum !== undefined && !field.enum.includes(value))
    return `must be one of ${field.enum.join(', ')}`;
  if (relativeDatePattern.test(value)) return undefined;
  if (field.format === 'date' && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value))
    return 'must be a date, e.g. 2026-01-31, or today, today-30, today+7';
  if (
    field.format === 'date-time' &&
    (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?$/.test(value) || Number.isNaN(Date.parse(value)))
  )
    return 'must be an ISO date-time, e.g. 2026-01-31T12:00:00.000Z, or today, today-30, today+7';
  return undefined;
}

function readSort(
  type: EntityType,
  value: unknown,
  problems: ReportProblem[],
): ReportDefinition['sort'] | undefined {
  if (value === undefined) return undefined;
  const { field, direction, ...rest } = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (typeof value !== 'object' || value === null || Object.keys(rest).length > 0) {
    problems.push({ path: 'sort', message: 'must be {field, direction}' });
    return undefined;
  }
  const allowed = sortableFields(type);
  if (typeof field !== 'string' || !allowed.includes(field))
    problems.push({ path: 'sort.field', message: `must be one of ${allowed.join(', ')}` });
  if (direction !== 'asc' && direction !== 'desc')
    problems.push({ path: 'sort.direction', message: 'must be asc or desc' });
  return { field: field as string, direction: direction as 'asc' | 'desc' };
}

function readGroupBy(
  value: unknown,
  fields: ReadonlyMap<string, ReportField>,
  fieldNames: string,
  columns: readonly string[],
  problems: ReportProblem[],
): ReportDefinition['groupBy'] | undefined {
  if (value === undefined || value === null) return undefined;
  const { field, sums, ...rest } = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ path: 'groupBy', message: 'must be {field, sums}' });
    return undefined;
  }
  for (const key of Object.keys(rest))
    problems.push({ path: `groupBy.${key}`, message: 'is not a known field' });
  if (typeof field !== 'string' || !fields.has(field))
    problems.push({
      path: 'groupBy.field',
      message: `${String(field)} is not a field; use one of ${fieldNames}`,
    });
  const numeric = [...fields.values()].filter(isNumericField).map((f) => f.path);
  const list = sums === undefined ? [] : sums;
  if (!Array.isArray(list) || list.length > maxReportColumns) {
    problems.push({
      path: 'groupBy.sums',
      message: `must be a list of number fields (${numeric.join(', ')})`,
    });
    return undefined;
  }
  list.forEach((sum, i) => {
    if (typeof sum !== 'string' || !numeric.includes(sum))
      problems.push({
        path: `groupBy.sums[${i}]`,
        message: `${String(sum)} is not a number field; use one of ${numeric.join(', ')}`,
      });
    else if (!columns.includes(sum))
      problems.push({ path: `groupBy.sums[${i}]`, message: `${sum} must be one of the report's columns` });
  });
  return { field: field as string, sums: [...new Set(list as string[])] };
}
