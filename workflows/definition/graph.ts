import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from './workflow-definition';
import { DEFAULT_PORT } from './workflow-definition';

/**
 * An index over a definition for the questions the validator and the interpreter ask again and
 * again: a node by id, the edges leaving a node's port, the edges entering a node. Edges are kept
 * in definition order everywhere, so every walk over the graph is deterministic.
 *
 * Built once per definition; the definition itself is never modified.
 */
export interface WorkflowGraph {
  readonly definition: WorkflowDefinition;
  /** Nodes by id. With duplicate ids (an invalid definition) the first node wins. */
  readonly nodes: ReadonlyMap<string, WorkflowNode>;
  /** Edges leaving each node, in definition order. */
  readonly outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  /** Edges entering each node, in definition order. */
  readonly incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
}

const noEdges: readonly WorkflowEdge[] = [];

/**
 * Indexes a definition by node id and port.
 *
 * @example
 * const graph = buildGraph(definition);
 * edgesFromPort(graph, 'approve', 'rejected'); // the edges taken when the approval is rejected
 */
export function buildGraph(definition: WorkflowDefinition): WorkflowGraph {
  const nodes = new Map<string, WorkflowNode>();
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const node of definition.nodes) {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  }
  for (const edge of definition.edges) {
    appendTo(outgoing, edge.source, edge);
    appendTo(incoming, edge.target, edge);
  }
  return { definition, nodes, outgoing, incoming };
}

/** The port an edge leaves from, with the default applied. */
export function edgePort(edge: WorkflowEdge): string {
  return edge.sourcePort ?? DEFAULT_PORT;
}

/** Edges leaving a node, in definition order. */
export function edgesFrom(graph: WorkflowGraph, nodeId: string): readonly WorkflowEdge[] {
  return graph.outgoing.get(nodeId) ?? noEdges;
}

/** Edges leaving one port of a node, in definition order. */
export function edgesFromPort(graph: WorkflowGraph, nodeId: string, port: string): WorkflowEdge[] {
  return edgesFrom(graph, nodeId).filter((edge) => edgePort(edge) === port);
}

/** Edges entering a node, in definition order. */
export function edgesInto(graph: WorkflowGraph, nodeId: string): readonly WorkflowEdge[] {
  return graph.incoming.get(nodeId) ?? noEdges;
}

/**
 * Every node reachable from the start nodes (the start nodes included), following edges and any
 * extra links a caller adds, such as a `flow.forEach` node's link to its body.
 */
export function reachableFrom(
  graph: WorkflowGraph,
  startIds: Iterable<string>,
  extraLinks: (node: WorkflowNode) => readonly string[] = () => [],
): Set<string> {
  const seen = new Set<string>();
  const stack = [...startIds].filter((id) => graph.nodes.has(id));
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.get(id);
    const next = edgesFrom(graph, id).map((edge) => edge.target);
    if (node) next.push(...extraLinks(node));
    for (const target of next) {
      if (!seen.has(target) && graph.nodes.has(target)) stack.push(target);
    }
  }
  return seen;
}

function appendTo(index: Map<string, WorkflowEdge[]>, key: string, edge: WorkflowEdge): void {
  const list = index.get(key);
  if (list) list.push(edge);
  else index.set(key, [edge]);
}

/**
 * The strongly connected component of every node: two nodes share a component exactly when each
 * can reach the other, so a node lies on a cycle through an edge exactly when the edge's target is
 * in its component. Tarjan's algorithm, iterative so that long chains cannot overflow the stack;
 * O(nodes + edges).
 */
export function stronglyConnectedComponents(graph: WorkflowGraph): Map<string, number> {
  const component = new Map<string, number>();
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let nextIndex = 0;
  let nextComponent = 0;
  for (const root of graph.nodes.keys()) {
    if (index.has(root)) continue;
    const frames: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    index.set(root, nextIndex);
    lowLink.set(root, nextIndex);
    nextIndex += 1;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const edges = edgesFrom(graph, frame.id);
      if (frame.edge < edges.length) {
        const target = edges[frame.edge]!.target;
        frame.edge += 1;
        if (!graph.nodes.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, nextIndex);
          lowLink.set(target, nextIndex);
          nextIndex += 1;
          stack.push(target);
          onStack.add(target);
          frames.push({ id: target, edge: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.set(member, nextComponent);
          if (member === frame.id) break;
        }
        nextComponent += 1;
      }
    }
  }
  return component;
}
