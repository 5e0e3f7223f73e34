import { filterOperators, type FilterOperator } from '../entities/filter-operators';
// The schema modules one by one, not the schemas index: that compiles validators, which the
// editor's content security policy (no eval) forbids.
import { getEntityMeta } from '../../schemas/entity-metadata';
import { getEntitySchema } from '../../schemas/entity-schemas';
import type { EntityType } from '../../schemas/types/index.generated';
import { humanize } from '../../schemas/words';

export { filterOperators, type FilterOperator };

/** A top-level scalar field of an entity type that a report can show, filter or group on. */
export interface ReportField {
  path: string;
  title: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  /** `date`, `date-time` or `email` when the string has a format. */
  format?: string;
  enum?: readonly string[];
  /** Whether reports may filter on it: the list API's filterable fields. */
  filterable: boolean;
}

const cache = new Map<EntityType, ReportField[]>();

/**
 * The fields of `type` a report can use, in schema order: every top-level field whose values are
 * text, numbers or booleans (nested objects and line arrays are left out of tables and CSV).
 * Browser-safe, so the editor's report form offers exactly what the server accepts.
 *
 * @example
 * reportFields('invoice').find((f) => f.path === 'dueDate'); // { path: 'dueDate', title: 'Due date', type: 'string', format: 'date', filterable: true }
 */
export function reportFields(type: EntityType): ReportField[] {
  let fields = cache.get(type);
  if (fields === undefined) {
    const filterable = new Set(getEntityMeta(type).filterable.map((f) => f.path));
    fields = [];
    for (const [path, schema] of Object.entries(getEntitySchema(type).properties ?? {})) {
      const kind = schema.type;
      if (kind !== 'string' && kind !== 'integer' && kind !== 'number' && kind !== 'boolean') continue;
      fields.push({
        path,
        title: typeof schema.title === 'string' ? schema.title : humanize(path),
        type: kind,
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
        ...(Array.isArray(schema.enum) ? { enum: schema.enum.map(String) } : {}),
        filterable: filterable.has(path),
      });
    }
    cache.set(type, fields);
  }
  return fields;
}

/** Whether a field's values can be summed in a group row. */
export function isNumericField(field: ReportField): boolean {
  return field.type === 'integer' || field.type === 'number';
}

/**
 * The operators a filter on `field` may use, as the list API allows them: ranges on numbers and
 * dates, `ieq` on text.
 */
export function operatorsFor(field: ReportField): FilterOperator[] {
  const ordered = isNumericField(field) || field.format === 'date' || field.format === 'date-time';
  return filterOperators.filter((op) => {
    if (['gt', 'gte', 'lt', 'lte'].includes(op)) return ordered;
    if (op === 'ieq') return field.type === 'string' && field.enum === undefined;
    return true;
  });
}
