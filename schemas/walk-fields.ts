import { resolveLocalRef, type JsonSchema } from './json-schema';

/** One field of an entity schema, found by {@link walkFields}. */
export interface FieldVisit {
  /** Dotted path; `*` stands for any array index, e.g. `lines.*.productId`. */
  path: string;
  /** The field's schema, with a local `$ref` resolved. */
  schema: JsonSchema;
  /** Whether the field's parent object lists it as required. */
  required: boolean;
  /** Whether the field sits directly on the document rather than inside a nested object or array. */
  topLevel: boolean;
}

/**
 * Visits every property of an entity schema, depth first in declaration order, descending into nested
 * objects and array items and through local `$ref`s.
 *
 * @example
 * walkFields(quoteSchema, (f) => console.log(f.path)); // number, accountId, …, lines, lines.*.productId, …
 */
export function walkFields(root: JsonSchema, visit: (field: FieldVisit) => void): void {
  walkObject(root, root, '', visit);
}

function walkObject(
  root: JsonSchema,
  node: JsonSchema,
  prefix: string,
  visit: (field: FieldVisit) => void,
): void {
  const required = new Set(node.required ?? []);
  for (const [name, raw] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    const schema = resolveLocalRef(root, raw);
    visit({ path, schema, required: required.has(name), topLevel: prefix === '' });
    walkNested(root, schema, path, visit);
  }
}

function walkNested(
  root: JsonSchema,
  schema: JsonSchema,
  path: string,
  visit: (field: FieldVisit) => void,
): void {
  if (schema.properties !== undefined) walkObject(root, schema, path, visit);
  if (schema.items !== undefined) walkNested(root, resolveLocalRef(root, schema.items), `${path}.*`, visit);
}
