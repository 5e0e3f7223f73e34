import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '../definition/json-schema';
import type { PathSegment } from '../expressions/param-path';
import { formatPath } from '../expressions/param-path';
import { EXPRESSION_PLACEHOLDER } from './expression-tolerant-schema';

/** One readable schema violation: where (as segments, for the caller to re-root) and what. */
export interface SchemaViolation {
  segments: PathSegment[];
  /** What is wrong, to follow the path in a sentence: `must be <= 1000`, `is required`. */
  predicate: string;
}

/**
 * Turns ajv's errors into one sentence per problem. Errors from inside an `anyOf`/`oneOf` are
 * folded into the alternative's own error, and the `if` errors that the expression-tolerant
 * schema produces are dropped, because they only restate the error of their `else` branch.
 *
 * @param prefix segments placed before each error's instance path, e.g. `['params']`
 */
export function describeAjvErrors(
  errors: readonly ErrorObject[],
  prefix: PathSegment[] = [],
): SchemaViolation[] {
  const alternatives = errors
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => `${error.schemaPath}/`);
  const seen = new Set<string>();
  const violations: SchemaViolation[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (alternatives.some((prefixPath) => error.schemaPath.startsWith(prefixPath))) continue;
    const violation = describe(error, prefix);
    const key = `${formatPath(violation.segments)} ${violation.predicate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
  }
  return violations;
}

function describe(error: ErrorObject, prefix: PathSegment[]): SchemaViolation {
  const segments = [...prefix, ...pointerSegments(error.instancePath)];
  const params = error.params as Record<string, unknown>;
  if (error.data === EXPRESSION_PLACEHOLDER) {
    return { segments, predicate: 'must be written literally; an expression is not allowed here' };
  }
  switch (error.keyword) {
    case 'required':
      return { segments: [...segments, String(params.missingProperty)], predicate: 'is required' };
    case 'additionalProperties':
      return { segments: [...segments, String(params.additionalProperty)], predicate: 'is not allowed' };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value));
      return { segments, predicate: `must be one of ${allowed.join(', ')}` };
    }
    case 'anyOf':
    case 'oneOf':
      return { segments, predicate: describeAlternatives(error) };
    default:
      return { segments, predicate: error.message ?? 'is invalid' };
  }
}

/** "must have duration or until", "must be string or array", or ajv's wording as a last resort. */
function describeAlternatives(error: ErrorObject): string {
  const branches = (Array.isArray(error.schema) ? error.schema : []) as JsonSchema[];
  const exactly = error.keyword === 'oneOf' ? 'exactly one of: ' : '';
  if (
    branches.length > 0 &&
    branches.every((branch) => branch.required && Object.keys(branch).length === 1)
  ) {
    const options = branches.map((branch) => (branch.required ?? []).join(' and '));
    return exactly ? `must have ${exactly}${options.join(', ')}` : `must have ${options.join(' or ')}`;
  }
  if (branches.length > 0 && branches.every((branch) => typeof branch.type === 'string')) {
    return `must be ${branches.map((branch) => branch.type as string).join(' or ')}`;
  }
  return error.message ?? 'is invalid';
}

/** `/cases/1/port` as `['cases', 1, 'port']`, undoing JSON Pointer escapes. */
function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}
