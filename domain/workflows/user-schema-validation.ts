import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toValidationIssues, type ValidationIssue } from '../../schemas/validation-issues';

/*
 * Schemas written by designers (a manual trigger's inputSchema, a task's formSchema) are compiled
 * by their own lenient ajv instance: they may carry UI keywords ajv does not know, and they must
 * never share the strict instance the platform's own schemas are compiled by.
 */
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const compiled = new Map<string, ValidateFunction>();
const maxCached = 500;

function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
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
    validate = validatorFor(schema);
  } catch (error: unknown) {
    throw new UnusableSchemaError(`the schema cannot be compiled: ${(error as Error).message}`);
  }
  if (validate(value)) return [];
  return toValidationIssues(validate.errors ?? []).map((issue) => ({
    path: issue.path === '' ? root : `${root}.${issue.path}`,
    message: issue.message,
  }));
}
