import type { JsonSchema } from '../definition/json-schema';
import { isExpression, literalValue } from '../expressions/expression-syntax';

/**
 * Params validation has to accept an expression wherever a literal is expected: `"=$vars.total"`
 * is a fine `integer`. It does so in two halves:
 * - `withPlaceholders` replaces every expression in the params by one placeholder string (and
 *   unescapes `==x` to the literal `=x` it stands for, so literals are checked as what they mean);
 * - `acceptExpressions` rewrites the schema so that at every value position the placeholder is
 *   accepted, except where the schema says `x-literal`.
 *
 * Substituting rather than matching `^=` in the schema keeps an escaped literal such as `==1` from
 * passing as an expression, and lets the error for an expression in a literal-only param say so.
 */
export const EXPRESSION_PLACEHOLDER = '\u0000expression\u0000';

/** A copy of params with every expression replaced by the placeholder and every literal unescaped. */
export function withPlaceholders(value: unknown): unknown {
  if (isExpression(value)) return EXPRESSION_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(withPlaceholders);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withPlaceholders(item)]));
  }
  return literalValue(value);
}

/** The params schema with the placeholder accepted at every value position below the root. */
export function acceptExpressions(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = { ...schema };
  if (schema.properties) result.properties = mapValues(schema.properties, orExpression);
  if (schema.patternProperties) result.patternProperties = mapValues(schema.patternProperties, orExpression);
  if (typeof schema.additionalProperties === 'object') {
    result.additionalProperties = orExpression(schema.additionalProperties);
  }
  if (Array.isArray(schema.items)) result.items = schema.items.map(orExpression);
  else if (schema.items) result.items = orExpression(schema.items);
  // Alternatives describe the same position as their parent, which already accepts an expression.
  if (schema.anyOf) result.anyOf = schema.anyOf.map(acceptExpressions);
  if (schema.oneOf) result.oneOf = schema.oneOf.map(acceptExpressions);
  if (schema.allOf) result.allOf = schema.allOf.map(acceptExpressions);
  return result;
}

function orExpression(schema: JsonSchema): JsonSchema {
  if (schema['x-literal']) return acceptExpressions(schema);
  return { if: { const: EXPRESSION_PLACEHOLDER }, then: true, else: acceptExpressions(schema) };
}

function mapValues(record: Record<string, JsonSchema>, map: (schema: JsonSchema) => JsonSchema) {
  return Object.fromEntries(Object.entries(record).map(([key, schema]) => [key, map(schema)]));
}
