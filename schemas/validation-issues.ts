import type { ErrorObject } from 'ajv';

/**
 * One validation problem, in the shape of the HTTP error `details` entries. `path` is dotted, with array
 * indexes as segments (`lines.0.quantity`); the empty string means the document itself.
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Turns ajv errors into issues whose path names the offending field itself: for a missing or unknown
 * property that is the property's path, not its parent's, so a form can put the message on the field.
 *
 * @example
 * toValidationIssues([{ keyword: 'required', instancePath: '/lines/0', params: { missingProperty: 'quantity' }, … }]);
 * // [{ path: 'lines.0.quantity', message: 'is required' }]
 */
export function toValidationIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const issue = toIssue(error);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: join(path, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: join(path, String(params.additionalProperty)), message: 'is not an allowed property' };
    case 'dependencies':
      return {
        path: join(path, String(params.missingProperty)),
        message: `is required when ${String(params.property)} is set`,
      };
    case 'enum':
      return {
        path,
        message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** `/lines/0/quantity` → `lines.0.quantity`, undoing JSON Pointer escapes. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * One line for logs and error messages: the first issue and how many more there are.
 *
 * @example
 * describeIssues([{ path: 'currency', message: 'is required' }]); // 'currency is required'
 */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  const [first, ...rest] = issues;
  if (first === undefined) return 'valid';
  const head = first.path === '' ? `document ${first.message}` : `${first.path} ${first.message}`;
  return rest.length === 0 ? head : `${head} (and ${rest.length} more)`;
}
