import type { EntitySchema, JsonSchema } from '../../schemas';

/**
 * Converts a draft-07 entity schema to an OpenAPI 3.1 component (JSON Schema 2020-12): local
 * `#/definitions/x` references point to the component `<name>_x`, `dependencies` becomes
 * `dependentRequired`, and `$schema` goes. The `x-` annotations stay; OpenAPI allows extensions.
 * Returns the component and its definitions as further components.
 */
export function toOpenApiSchemas(name: string, schema: EntitySchema): Record<string, unknown> {
  const { definitions, ...root } = schema;
  const out: Record<string, unknown> = { [name]: convert(name, root) };
  for (const [key, definition] of Object.entries(definitions ?? {}))
    out[`${name}_${key}`] = convert(name, definition);
  return out;
}

function convert(name: string, node: JsonSchema | Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item: unknown) => (isObject(item) ? convert(name, item) : item));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(/^#\/definitions\/(.+)$/, `#/components/schemas/${name}_$1`);
    } else if (key === 'dependencies') out.dependentRequired = value;
    else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, isObject(v) ? convert(name, v) : v]),
      );
    } else if (key === 'items' && isObject(value)) out.items = convert(name, value);
    else out[key] = value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
