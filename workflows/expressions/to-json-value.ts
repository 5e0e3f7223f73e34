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

/**
 * Whether a value nests arrays and objects deeper than `maxDepth`. Iterative, so it is safe on any
 * value, however deep, and it stops at the first branch that is too deep.
 *
 * @example
 * nestsDeeperThan({ a: [{ b: 1 }] }, 2); // true
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    // Functions are dropped from results, and a lambda's closure links back into its environment.
    if (item === null || typeof item !== 'object' || isJsonataFunction(item)) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(item)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
