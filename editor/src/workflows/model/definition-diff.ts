import { edgePort, type WorkflowDefinition, type WorkflowEdge, type WorkflowNode } from './core';

/** How a node differs between two versions of a workflow. */
export type NodeDiff = 'added' | 'removed' | 'changed';

/** One setting of a node that differs: its path (`params.condition`, `label`) and both values. */
export interface SettingChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** What changed from one definition to another. */
export interface DefinitionDiff {
  /** Nodes added, removed or with changed settings (a node only moved is not changed). */
  nodes: Map<string, NodeDiff>;
  /** Each changed node's settings that differ. */
  settings: Map<string, SettingChange[]>;
  /** Edges, by id, added or removed (an edge joined to other ports counts as both). */
  edges: Map<string, 'added' | 'removed'>;
  /** The workflow's own name, description or step limit changed. */
  workflowChanged: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The leaves of two values that differ, by path; objects are compared key by key, anything else whole. */
function changesBetween(path: string, before: unknown, after: unknown, into: SettingChange[]): void {
  if (same(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) changesBetween(`${path}.${key}`, before[key], after[key], into);
    return;
  }
  into.push({ path, before, after });
}

function settingChanges(before: WorkflowNode, after: WorkflowNode): SettingChange[] {
  const changes: SettingChange[] = [];
  for (const key of ['type', 'label', 'disabled', 'retry'] as const)
    changesBetween(key, before[key], after[key], changes);
  changesBetween('params', before.params, after.params, changes);
  return changes;
}

const edgeKey = (edge: WorkflowEdge) => `${edge.source}\u0000${edgePort(edge)}\u0000${edge.target}`;

/**
 * What changed from `before` to `after` (a published version and the draft, or two versions): nodes
 * added, removed or changed with each changed setting, and edges added or removed. Node positions
 * are layout, not behaviour, and are left out.
 *
 * @example
 * diffDefinitions(v1, v2).nodes; // Map { 'approve' => 'changed', 'notify' => 'added' }
 */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition): DefinitionDiff {
  const nodes = new Map<string, NodeDiff>();
  const settings = new Map<string, SettingChange[]>();
  const earlier = new Map(before.nodes.map((node) => [node.id, node]));
  const later = new Map(after.nodes.map((node) => [node.id, node]));
  for (const node of after.nodes) {
    const previous = earlier.get(node.id);
    if (!previous) nodes.set(node.id, 'added');
    else {
      const changes = settingChanges(previous, node);
      if (changes.length > 0) {
        nodes.set(node.id, 'changed');
        settings.set(node.id, changes);
      }
    }
  }
  for (const node of before.nodes) if (!later.has(node.id)) nodes.set(node.id, 'removed');
  const edges = new Map<string, 'added' | 'removed'>();
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  for (const edge of after.edges) if (!beforeEdges.has(edgeKey(edge))) edges.set(edge.id, 'added');
  for (const edge of before.edges)
    if (!afterEdges.has(edgeKey(edge))) edges.set(`removed:${edge.id}`, 'removed');
  const workflowChanged =
    before.name !== after.name ||
    before.description !== after.description ||
    !same(before.settings, after.settings);
  return { nodes, settings, edges, workflowChanged };
}

/**
 * The graph a diff is drawn on: `after` with the nodes and edges removed since `before` put back
 * where they were, so every change shows in one picture. Removed edges get `removed:` ids.
 */
export function diffGraph(
  before: WorkflowDefinition,
  after: WorkflowDefinition,
  diff: DefinitionDiff,
): WorkflowDefinition {
  const removedNodes = before.nodes.filter((node) => diff.nodes.get(node.id) === 'removed');
  const removedEdges = before.edges
    .filter((edge) => diff.edges.get(`removed:${edge.id}`) === 'removed')
    .map((edge) => ({ ...edge, id: `removed:${edge.id}` }));
  return { ...after, nodes: [...after.nodes, ...removedNodes], edges: [...after.edges, ...removedEdges] };
}
