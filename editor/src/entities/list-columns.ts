import type { JsonSchema } from '../../../schemas/json-schema';
import type { EntityDescription } from './schema-context';

/** A column of a record table: a top-level field and its schema. */
export interface Column {
  field: string;
  title: string;
  schema: JsonSchema;
}

const amountFields = ['total', 'amount', 'amountDue', 'estimatedValue', 'unitPrice', 'available'];

/**
 * The columns a list of a type shows, read from its schema: the title field, the document number, the
 * status, the first reference (usually the account), the headline amount and when it last changed.
 * `omit` drops a column, e.g. the account on the account's own 360 page.
 */
export function listColumns(description: EntityDescription, omit: readonly string[] = []): Column[] {
  const { meta, schema } = description;
  const fields = [
    meta.titleField,
    meta.numbering?.field,
    meta.status?.field,
    meta.refs.find((ref) => !ref.path.includes('.'))?.path,
    amountFields.find((field) => schema.properties[field] !== undefined),
    'updatedAt',
  ];
  return fieldColumns(
    description,
    fields.filter((field): field is string => field !== undefined && !omit.includes(field)),
  );
}

/** The columns of `fields` that the type's schema has, in the order given, each once. */
export function fieldColumns(description: EntityDescription, fields: readonly string[]): Column[] {
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const field of fields) {
    const fieldSchema = description.schema.properties[field];
    if (!fieldSchema || seen.has(field)) continue;
    seen.add(field);
    columns.push({ field, title: fieldSchema.title ?? field, schema: fieldSchema });
  }
  return columns;
}
