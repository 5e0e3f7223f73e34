import type { JsonSchema, WorkflowDefinition, WorkflowEdge, WorkflowNode } from './core';
import { DEFAULT_PORT, getNodeType } from './core';
import { isValidId, newEdgeId, newNodeId } from './node-ids';
import { renameReferences } from './node-references';
import { connectionProblem, type PortConnection } from './ports';

/*
 * Every edit of the graph is a pure function from one definition to the next. Objects that an edit
 * does not touch are shared with the previous definition, so undo history stays cheap and the
 * canvas re-renders only the nodes that changed.
 */

export type Position = { x: number; y: number };

/** The params a new node starts with: the declared default of each top-level param that has one. */
export function defaultParams(type: string): Record<string, unknown> {
  const schema: JsonSchema | undefined = getNodeType(type)?.paramsSchema;
  const params: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (property.default !== undefined && schema?.required?.includes(name)) params[name] = property.default;
  }
  return params;
}

/** Adds a node of `type` at `position` with a fresh readable id; returns the definition and the id. */
export function addNode(
  definition: WorkflowDefinition,
  type: string,
  position: Position,
): { definition: WorkflowDefinition; id: string } {
  const id = newNodeId(definition, type);
  const node: WorkflowNode = { id, type, params: defaultParams(type), position: roundPosition(position) };
  return { definition: { ...definition, nodes: [...definition.nodes, node] }, id };
}

/** Removes nodes (with every edge that touches them, and from their sub-process) and edges. */
export function removeElements(
  definition: WorkflowDefinition,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string> = new Set(),
): WorkflowDefinition {
  if (nodeIds.size === 0 && edgeIds.size === 0) return definition;
  const nodes = definition.nodes.filter((node) => !nodeIds.has(node.id));
  const edges = definition.edges.filter(
    (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
  );
  if (nodes.length === definition.nodes.length && edges.length === definition.edges.length) return definition;
  // A removed node leaves its sub-process; a sub-process left empty goes with it.
  const groups = definition.groups
    ?.map((group) =>
      group.nodes.some((id) => nodeIds.has(id))
        ? { ...group, nodes: group.nodes.filter((id) => !nodeIds.has(id)) }
        : group,
    )
    .filter((group) => group.nodes.length > 0);
  return { ...definition, nodes, edges, ...(groups ? { groups } : {}) };
}

/**
 * Joins a port to a node, or explains why not (see `connectionProblem`). The default port is not
 * written into the edge, as hand-written definitions leave it out too.
 */
export function connect(
  definition: WorkflowDefinition,
  connection: PortConnection,
): { definition: WorkflowDefinition; edgeId: string } | { problem: string } {
  const problem = connectionProblem(definition, connection);
  if (problem !== undefined) return { problem };
  const edge: WorkflowEdge = {
    id: newEdgeId(definition),
    source: connection.source,
    ...(connection.sourcePort === DEFAULT_PORT ? {} : { sourcePort: connection.sourcePort }),
    target: connection.target,
  };
  return { definition: { ...definition, edges: [...definition.edges, edge] }, edgeId: edge.id };
}

function roundPosition(position: Position): Position {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}

/** Moves nodes to new positions (rounded to whole pixels, so exported JSON stays tidy). */
export function moveNodes(
  definition: WorkflowDefinition,
  positions: ReadonlyMap<string, Position>,
): WorkflowDefinition {
  if (positions.size === 0) return definition;
  let changed = false;
  const nodes = definition.nodes.map((node) => {
    const next = positions.get(node.id);
    if (!next) return node;
    const position = roundPosition(next);
    if (node.position && node.position.x === position.x && node.position.y === position.y) return node;
    changed = true;
    return { ...node, position };
  });
  return changed ? { ...definition, nodes } : definition;
}

/** The fields of a node the inspector edits. `undefined` removes an optional field. */
export type NodePatch = Partial<Pick<WorkflowNode, 'params' | 'label' | 'disabled' | 'retry'>>;

/** Changes one node's params, label, disabled flag or retry policy. */
export function updateNode(definition: WorkflowDefinition, id: string, patch: NodePatch): WorkflowDefinition {
  const nodes = definition.nodes.map((node) => {
    if (node.id !== id) return node;
    const next: WorkflowNode = { ...node, ...patch };
    for (const key of Object.keys(patch) as (keyof NodePatch)[]) {
      if (patch[key] === undefined) delete next[key];
    }
    return next;
  });
  return { ...definition, nodes };
}

/** Sets the workflow's name and description (an empty description is removed). */
export function updateMeta(
  definition: WorkflowDefinition,
  meta: { name?: string; description?: string },
): WorkflowDefinition {
  const next = { ...definition, ...meta };
  if (next.description === '') delete next.description;
  return next;
}

/**
 * Renames a node and everything that names it: its edges, `$nodes.<id>` in every expression and a
 * forEach's `body`. Refuses an id that is taken or does not match the id pattern.
 */
export function renameNode(
  definition: WorkflowDefinition,
  from: string,
  to: string,
): { definition: WorkflowDefinition } | { problem: string } {
  if (from === to) return { definition };
  if (!isValidId(to)) return { problem: 'An id is 1 to 64 letters, digits, "_" or "-"' };
  if (definition.nodes.some((node) => node.id === to))
    return { problem: `Another node is already called "${to}"` };
  const renames = new Map([[from, to]]);
  const nodes = definition.nodes.map((node) =>
    renameReferences(node.id === from ? { ...node, id: to } : node, renames),
  );
  const edges = definition.edges.map((edge) =>
    edge.source === from || edge.target === from
      ? {
          ...edge,
          source: edge.source === from ? to : edge.source,
          target: edge.target === from ? to : edge.target,
        }
      : edge,
  );
  const groups = definition.groups?.map((group) =>
    group.nodes.includes(from)
      ? { ...group, nodes: group.nodes.map((id) => (id === from ? to : id)) }
      : group,
  );
  return { definition: { ...definition, nodes, edges, ...(groups ? { groups } : {}) } };
}
