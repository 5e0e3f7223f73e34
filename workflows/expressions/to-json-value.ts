import { defineOwn } from './define-own';

/**
 * Copies a JSONata result into plain JSON data. JSONata returns arrays tagged as sequences, and
 * can return functions (lambdas); neither belongs in a node's params, output or trace. Copying also
 * means a result never aliases the run state it was computed from.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' ? undefined : value;
  }
  if (Array.isArray(value)) {
    return value.map(toJsonValue).filter((item) => item !== undefined);
  }
  if (isJsonataFunction(value)) return undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const converted = toJsonValue(item);
    if (converted !== undefined) defineOwn(copy, key, converted);
  }
  return copy;
}

function isJsonataFunction(value: object): boolean {
  return '_jsonata_lambda' in value || '_jsonata_function' in value;
}
