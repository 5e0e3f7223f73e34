/** The kinds of field the form builder offers, each one JSON Schema shape. */
export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'choice';

/** One field of a task's form as the builder edits it. */
export interface FormField {
  name: string;
  title: string;
  kind: FieldKind;
  required: boolean;
  /** The options of a `choice` field. */
  choices: string[];
  /** The value the field starts with; undefined for none. */
  default?: unknown;
}

export const fieldKinds: readonly { kind: FieldKind; label: string }[] = [
  { kind: 'text', label: 'Text' },
  { kind: 'number', label: 'Number' },
  { kind: 'integer', label: 'Whole number' },
  { kind: 'boolean', label: 'Yes / no' },
  { kind: 'date', label: 'Date' },
  { kind: 'choice', label: 'Choice' },
];

type Schema = Record<string, unknown>;

// Keywords each kind writes; a property with any other keyword is beyond the builder.
const known = new Set(['type', 'title', 'enum', 'format', 'default']);

function kindOf(property: Schema): FieldKind | undefined {
  if (Object.keys(property).some((key) => !known.has(key))) return undefined;
  if (Array.isArray(property.enum))
    return property.enum.every((value) => typeof value === 'string') ? 'choice' : undefined;
  switch (property.type) {
    case 'string':
      if (property.format === 'date') return 'date';
      return property.format === undefined ? 'text' : undefined;
    case 'number':
    case 'integer':
    case 'boolean':
      return property.type;
    default:
      return undefined;
  }
}

/**
 * The builder's fields of a form schema, or undefined when the schema says more than the builder can
 * (nested objects, patterns, limits…): such a schema stays in the JSON editor, unchanged.
 *
 * @example
 * formFields({ type: 'object', required: ['amount'], properties: { amount: { type: 'integer', title: 'Amount' } } });
 * // [{ name: 'amount', title: 'Amount', kind: 'integer', required: true, choices: [] }]
 */
export function formFields(schema: unknown): FormField[] | undefined {
  if (schema === undefined) return [];
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const { type, properties = {}, required = [], ...rest } = schema as Schema;
  if (type !== 'object' || Object.keys(rest).length > 0) return undefined;
  if (typeof properties !== 'object' || properties === null || !Array.isArray(required)) return undefined;
  const fields: FormField[] = [];
  for (const [name, value] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) return undefined;
    const property = value as Schema;
    const kind = kindOf(property);
    if (kind === undefined) return undefined;
    fields.push({
      name,
      title: typeof property.title === 'string' ? property.title : '',
      kind,
      required: required.includes(name),
      choices: kind === 'choice' ? (property.enum as string[]) : [],
      ...(property.default === undefined ? {} : { default: property.default }),
    });
  }
  return fields;
}

/** The JSON Schema of the builder's fields: what the task's form is generated from and checked against. */
export function formSchemaOf(fields: readonly FormField[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const field of fields) {
    const base: Schema =
      field.kind === 'choice'
        ? { type: 'string', enum: field.choices }
        : field.kind === 'date'
          ? { type: 'string', format: 'date' }
          : field.kind === 'text'
            ? { type: 'string' }
            : { type: field.kind };
    properties[field.name] = {
      ...base,
      ...(field.title === '' ? {} : { title: field.title }),
      ...(field.default === undefined ? {} : { default: field.default }),
    };
  }
  const required = fields.filter((field) => field.required).map((field) => field.name);
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties };
}

/** The next free field name: `field1`, `field2`, … */
export function newFieldName(fields: readonly FormField[]): string {
  const taken = new Set(fields.map((field) => field.name));
  let index = fields.length + 1;
  while (taken.has(`field${index}`)) index += 1;
  return `field${index}`;
}
