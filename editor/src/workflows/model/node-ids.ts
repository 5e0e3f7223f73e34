import type { WorkflowDefinition } from './core';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `id` may name a node or an edge (the definition schema's id pattern). */
export function isValidId(id: string): boolean {
  return idPattern.test(id);
}

function firstFree(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A readable node id for a new node of `type`, unique in the definition: the type's own name
 * (`approval` for human.approval), then `approval2`, `approval3`… Expressions refer to nodes by id
 * (`$nodes.approval`), so short words serve better than random ids.
 *
 * @example
 * newNodeId({ name: 'w', nodes: [{ id: 'create', type: 'entity.create', params: {} }], edges: [] }, 'entity.create'); // 'create2'
 */
export function newNodeId(definition: WorkflowDefinition, type: string, taken?: ReadonlySet<string>): string {
  const words = (type.split('.').pop() ?? 'node').replace(/[^A-Za-z0-9_-]/g, '');
  const base = (words || 'node').slice(0, 56);
  return firstFree(taken ?? new Set(definition.nodes.map((node) => node.id)), base);
}

/** The next free edge id: `e1`, `e2`, … after the highest one in use. */
export function newEdgeId(definition: WorkflowDefinition, taken?: ReadonlySet<string>): string {
  const ids = taken ?? new Set(definition.edges.map((edge) => edge.id));
  let highest = 0;
  for (const id of ids) {
    const match = /^e(\d{1,9})$/.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return firstFree(ids, `e${highest + 1}`);
}

/** A free id near `wanted`: itself when free, else `wanted2`, `wanted3`, … */
export function freeId(taken: ReadonlySet<string>, wanted: string): string {
  return firstFree(taken, wanted.slice(0, 56));
}
