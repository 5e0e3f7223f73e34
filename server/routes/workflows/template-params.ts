import { validateAgainstSchema } from '../../../domain/workflows';
import type { ValidationIssue } from '../../../schemas/validation-issues';
import type { Template } from './template-catalog';

/** A placeholder in a template definition: `{"$param": "reminderInterval"}`. */
const PARAM_KEY = '$param';
/** An expression with params in it: `{"$expression": "=$.total > {{threshold}}"}`. */
const EXPRESSION_KEY = '$expression';
const slot = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function placeholderName(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const name = value[PARAM_KEY];
  return typeof name === 'string' ? name : undefined;
}

function expressionTemplate(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const text = value[EXPRESSION_KEY];
  return typeof text === 'string' ? text : undefined;
}

/**
 * The install params: the given ones over the schema's top-level defaults, checked against the
 * template's params schema. Issues name `params.<field>`; a template without a params schema takes
 * no params at all.
 *
 * @example
 * resolveTemplateParams(template, { maxReminders: 0 });
 * // { params: { reminderInterval: 'P7D', maxReminders: 0 }, issues: [] }
 */
export function resolveTemplateParams(
  template: Template,
  given: Record<string, unknown>,
): { params: Record<string, unknown>; issues: ValidationIssue[] } {
  const schema = template.paramsSchema;
  if (schema === undefined) {
    const issues = Object.keys(given).map((key) => ({
      path: `params.${key}`,
      message: 'is not a param of this template, which takes none',
    }));
    return { params: {}, issues };
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const defaults = Object.fromEntries(
    Object.entries(properties)
      .filter(([, property]) => isObject(property) && 'default' in property)
      .map(([key, property]) => [key, (property as { default: unknown }).default]),
  );
  const params = { ...defaults, ...given };
  return { params, issues: validateAgainstSchema(schema, params, 'params') };
}

/**
 * Every param a template definition refers to, in order of first use; a test checks that each is
 * declared in the template's params schema.
 */
export function templateParamNames(definition: unknown): string[] {
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    const name = placeholderName(value);
    const expression = expressionTemplate(value);
    if (name !== undefined) names.add(name);
    else if (expression !== undefined)
      for (const match of expression.matchAll(slot)) names.add(match[1] as string);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) Object.values(value).forEach(walk);
  };
  walk(definition);
  return [...names];
}

/**
 * The definition with its placeholders filled in from the params:
 * - `{"$param": name}` becomes the param's value, whole and typed (an integer stays an integer, a
 *   duration a string); without a value it is left out of its object, like an expression that
 *   selects nothing;
 * - `{"$expression": "=… {{name}} …"}` becomes the expression with each `{{name}}` replaced by the
 *   param's value as a JSON literal (`"proposal"` with its quotes, `1000`, `["a","b"]`; `null` when
 *   unset). JSON literals are JSONata literals, so a param is always a value in the expression and
 *   can never change what the expression does.
 *
 * @example
 * instantiateTemplate({ dueIn: { $param: 'approvalDueIn' } }, { approvalDueIn: 'P2D' }); // { dueIn: 'P2D' }
 * instantiateTemplate({ $expression: '=$.stage = {{stage}}' }, { stage: 'proposal' }); // '=$.stage = "proposal"'
 */
export function instantiateTemplate(definition: unknown, params: Readonly<Record<string, unknown>>): unknown {
  const name = placeholderName(definition);
  if (name !== undefined) return Object.hasOwn(params, name) ? params[name] : undefined;
  const expression = expressionTemplate(definition);
  if (expression !== undefined) {
    return expression.replace(slot, (_match, param: string) =>
      JSON.stringify(Object.hasOwn(params, param) ? params[param] : null),
    );
  }
  if (Array.isArray(definition)) return definition.map((item) => instantiateTemplate(item, params));
  if (isObject(definition)) {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(definition)) {
      const resolved = instantiateTemplate(value, params);
      if (resolved !== undefined) copy[key] = resolved;
    }
    return copy;
  }
  return definition;
}
