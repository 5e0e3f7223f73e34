import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from './core';
import { freeId, isValidId, newEdgeId } from './node-ids';
import { renameReferences } from './node-references';
import type { Position } from './graph-edits';

/** Marks clipboard text as a piece of a Ledgerline workflow. */
export const fragmentKind = 'ledgerline.workflow-fragment';

/**
 * What copy puts on the clipboard: the selected nodes and the edges between them, as plain
 * definition JSON, so it pastes into any workflow (or a text editor) unchanged.
 */
export interface WorkflowFragment {
  kind: typeof fragmentKind;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** The selected nodes and the edges that run between two of them. */
export function copyFragment(definition: WorkflowDefinition, nodeIds: ReadonlySet<string>): WorkflowFragment {
  return {
    kind: fragmentKind,
    nodes: definition.nodes.filter((node) => nodeIds.has(node.id)),
    edges: definition.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
  };
}

/** The clipboard text of a fragment: pretty JSON. */
export function serializeFragment(fragment: WorkflowFragment): string {
  return JSON.stringify(fragment, null, 2);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isNode(value: unknown): value is WorkflowNode {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.type === 'string' &&
    isObject(value.params)
  );
}

function isEdge(value: unknown): value is WorkflowEdge {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.source === 'string' &&
    typeof value.target === 'string' &&
    (value.sourcePort === undefined || typeof value.sourcePort === 'string')
  );
}

/**
 * Reads clipboard text: a fragment, or a whole workflow definition (its nodes and edges are pasted).
 * Anything else is undefined, so pasting ordinary text into the canvas does nothing.
 */
export function parseFragment(text: string): WorkflowFragment | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !Array.isArray(value.nodes)) return undefined;
  const edges: unknown = value.edges ?? [];
  if (!Array.isArray(edges) || !value.nodes.every(isNode) || !edges.every(isEdge)) return undefined;
  if (value.nodes.length === 0) return undefined;
  return { kind: fragmentKind, nodes: value.nodes, edges };
}

/**
 * Pastes a fragment into a definition. Nodes keep their ids where those are free and get the next
 * free ones otherwise (`approval` → `approval2`); edges, `$nodes.<id>` references inside the pasted
 * nodes and forEach bodies follow the renames. The pasted group keeps its shape: its top-left corner
 * goes to `at`, or 40px below-right of where it was copied from.
 */
export function pasteFragment(
  definition: WorkflowDefinition,
  fragment: WorkflowFragment,
  at?: Position,
): { definition: WorkflowDefinition; nodeIds: string[]; edgeIds: string[] } {
  const taken = new Set(definition.nodes.map((node) => node.id));
  const renames = new Map<string, string>();
  for (const node of fragment.nodes) {
    const id = freeId(taken, isValidId(node.id) ? node.id : 'node');
    taken.add(id);
    renames.set(node.id, id);
  }
  const positions = fragment.nodes.map((node) => node.position ?? { x: 0, y: 0 });
  const left = Math.min(...positions.map((p) => p.x));
  const top = Math.min(...positions.map((p) => p.y));
  const dx = at ? at.x - left : 40;
  const dy = at ? at.y - top : 40;
  const onlyPasted = new Map([...renames].filter(([from, to]) => from !== to));
  const nodes = fragment.nodes.map((node, index) => {
    const position = positions[index]!;
    const moved: WorkflowNode = {
      ...node,
      id: renames.get(node.id)!,
      position: { x: Math.round(position.x + dx), y: Math.round(position.y + dy) },
    };
    return renameReferences(moved, onlyPasted);
  });
  const edgeIds = new Set(definition.edges.map((edge) => edge.id));
  const edges: WorkflowEdge[] = [];
  for (const edge of fragment.edges) {
    const source = renames.get(edge.source);
    const target = renames.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const id = newEdgeId(definition, edgeIds);
    edgeIds.add(id);
    edges.push({ ...edge, id, source, target });
  }
  return {
    definition: {
      ...definition,
      nodes: [...definition.nodes, ...nodes],
      edges: [...definition.edges, ...edges],
    },
    nodeIds: nodes.map((node) => node.id),
    edgeIds: edges.map((edge) => edge.id),
  };
}
