import type { WorkflowDefinition } from './core';

/** JSON with every object's keys sorted: two values are equal when their canonical texts are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether two definitions are the same workflow, down to node positions, whatever the order of
 * their keys: publishing a draft that is the same as the published version would only make an
 * identical version.
 *
 * @example
 * sameDefinition({ name: 'a', nodes: [], edges: [] }, { edges: [], nodes: [], name: 'a' }); // true
 */
export function sameDefinition(a: WorkflowDefinition, b: WorkflowDefinition): boolean {
  return canonical(a) === canonical(b);
}
