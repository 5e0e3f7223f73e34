import { resolveLocalRef, type EntitySchema, type JsonSchema } from './json-schema';

/**
 * Derives the schema of what a client may send from an entity schema: every `readOnly` field (system
 * fields, computed fields, document numbers) is removed, and fields with a `default` become optional
 * because validation fills them in. The result is also the schema of the create form and of the API's
 * request bodies.
 *
 * @example
 * deriveInputSchema(quoteSchema).required; // ['accountId', 'currency']
 */
export function deriveInputSchema(schema: EntitySchema): EntitySchema {
  const input = omitReadOnly(schema) as EntitySchema;
  if (schema.definitions === undefined) return input;
  const definitions = Object.fromEntries(
    Object.entries(schema.definitions).map(([name, definition]) => [name, omitReadOnly(definition)]),
  );
  return { ...input, definitions };
}

function omitReadOnly(node: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  if (node.properties !== undefined) {
    const kept = Object.entries(node.properties).filter(([, property]) => property.readOnly !== true);
    out.properties = Object.fromEntries(kept.map(([name, property]) => [name, omitReadOnly(property)]));
    const optional = new Set(
      kept.filter(([, property]) => property.default !== undefined).map(([name]) => name),
    );
    out.required = (node.required ?? []).filter((name) => name in out.properties! && !optional.has(name));
  }
  if (node.items !== undefined) out.items = omitReadOnly(node.items);
  return out;
}

/** A client document with the fields it may not write removed. */
export interface StripResult {
  value: unknown;
  /** Dotted paths of the removed fields, e.g. `total`, `lines.0.lineTotal`. */
  stripped: string[];
}

/**
 * Removes every `readOnly` field from a client document, at any depth, without touching the input.
 * Forms and round-tripping clients send back what they read, so computed and system fields are dropped
 * rather than rejected; the server recomputes them. Unknown fields are kept so validation reports them.
 *
 * @example
 * stripReadOnly(quoteSchema, { total: 5, lines: [{ lineTotal: 5, quantity: 1 }] });
 * // { value: { lines: [{ quantity: 1 }] }, stripped: ['total', 'lines.0.lineTotal'] }
 */
export function stripReadOnly(schema: EntitySchema, doc: unknown): StripResult {
  const stripped: string[] = [];
  const value = strip(schema, schema, doc, '', stripped);
  return { value, stripped };
}

function strip(
  root: JsonSchema,
  node: JsonSchema,
  value: unknown,
  path: string,
  stripped: string[],
): unknown {
  const schema = resolveLocalRef(root, node);
  if (Array.isArray(value)) {
    const items = schema.items;
    return items === undefined
      ? value
      : value.map((item, i) => strip(root, items, item, join(path, String(i)), stripped));
  }
  if (!isPlainObject(value) || schema.properties === undefined) return value;
  const properties = schema.properties;
  const entries: [string, unknown][] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSchema = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (childSchema === undefined) entries.push([key, child]);
    else if (resolveLocalRef(root, childSchema).readOnly === true) stripped.push(join(path, key));
    else entries.push([key, strip(root, childSchema, child, join(path, key), stripped)]);
  }
  // fromEntries defines own properties, so a JSON key "__proto__" stays data and never becomes a prototype.
  return Object.fromEntries(entries);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
