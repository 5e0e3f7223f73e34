import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { linearSchemaRegExp } from '../../workflows/expressions/linear-regex';
import { toValidationIssues, type ValidationIssue } from '../../schemas/validation-issues';

/*
 * Schemas written by designers (a manual trigger's inputSchema, a task's formSchema) are compiled
 * by their own lenient ajv instance: they may carry UI keywords ajv does not know, and they must
 * never share the strict instance the platform's own schemas are compiled by. Their `pattern`s run
 * on the linear-time engine that expressions use, so no input can make one backtrack.
 */
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, code: { regExp: linearSchemaRegExp } }));
const compiled = new Map<string, ValidateFunction>();
const maxCached = 500;

function validatorFor(schema: object, root: string): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    // A pattern ajv's regExp hook refused midway would leave the shared instance half-updated.
    const unsupported = unsupportedPattern(schema, root);
    if (unsupported !== undefined) throw new Error(unsupported);
    validate = ajv.compile(schema);
    // Versions are immutable, so a small bounded cache keyed by the schema text is enough.
    if (compiled.size >= maxCached) compiled.clear();
    compiled.set(key, validate);
  }
  return validate;
}

/** Why a designer's schema could not be used at all (it slipped past publish): not the caller's fault. */
export class UnusableSchemaError extends Error {
  override name = 'UnusableSchemaError';
}

/**
 * Validates `value` against a designer's JSON Schema. Issue paths are dotted and start with `root`,
 * so a caller sees which part of its request is wrong (`data.amount`, `input.customer.email`).
 *
 * @example
 * validateAgainstSchema({ type: 'object', required: ['amount'] }, {}, 'data');
 * // [{ path: 'data.amount', message: 'is required' }]
 */
export function validateAgainstSchema(schema: object, value: unknown, root: string): ValidationIssue[] {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema, root);
  } catch (error: unknown) {
    throw new UnusableSchemaError(`the schema cannot be compiled: ${(error as Error).message}`);
  }
  if (validate(value)) return [];
  return toValidationIssues(validate.errors ?? []).map((issue) => ({
    path: issue.path === '' ? root : `${root}.${issue.path}`,
    message: issue.message,
  }));
}

/** The first `pattern` or `patternProperties` key the linear-time engine cannot run, described. */
function unsupportedPattern(schema: object, root: string): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value: schema, path: root }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: string };
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    const patterns = [
      ...(typeof record.pattern === 'string' ? [record.pattern] : []),
      ...(typeof record.patternProperties === 'object' && record.patternProperties !== null
        ? Object.keys(record.patternProperties)
        : []),
    ];
    for (const pattern of patterns) {
      try {
        linearSchemaRegExp(pattern);
      } catch (error: unknown) {
        return `pattern ${JSON.stringify(pattern)} at ${path} is not supported: ${patternProblem(error)} (backreferences and lookaround are not available)`;
      }
    }
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, path: `${path}.${key}` });
    }
  }
  return undefined;
}

function patternProblem(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
}
