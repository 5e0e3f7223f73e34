import type { Edge, Node } from '@xyflow/react';
import {
  edgePort,
  type TraceStatus,
  type ValidationError,
  type WorkflowDefinition,
  type WorkflowNode,
} from '../model/core';
import { fallbackPositions } from '../model/fallback-positions';
import { portsOf } from '../model/ports';

/**
 * What a node on the canvas draws. It holds data only, never callbacks (the editor's state is the
 * graph JSON plus view state), and keeps its identity while its node, errors and status stay the
 * same, so the memoized node component skips re-rendering.
 */
export interface FlowNodeData extends Record<string, unknown> {
  node: WorkflowNode;
  input: boolean;
  outputs: readonly string[];
  /** Ports that edges leave by but the node no longer has (a removed switch case): drawn in red. */
  missingPorts: readonly string[];
  errors?: readonly ValidationError[];
  status?: TraceStatus;
}

export type FlowNode = Node<FlowNodeData, 'workflow'>;

/** Per-node decorations: validation errors while editing, run status in the run viewer. */
export interface Decorations {
  errorsByNode?: ReadonlyMap<string, ValidationError[]>;
  errorsByEdge?: ReadonlyMap<string, ValidationError[]>;
  statusByNode?: ReadonlyMap<string, TraceStatus>;
  takenEdges?: ReadonlySet<string>;
}

export interface Measured {
  width: number;
  height: number;
}

interface CachedNode {
  node: WorkflowNode;
  selected: boolean;
  measured: Measured | undefined;
  errors: readonly ValidationError[] | undefined;
  status: TraceStatus | undefined;
  missing: string;
  position: { x: number; y: number };
  flow: FlowNode;
}

const noPorts: readonly string[] = [];

/**
 * Maps definition nodes to React Flow nodes, reusing the previous object of every node whose inputs
 * are the same objects as last time. At 1,000 nodes a drag changes one node per frame, and only that
 * one is rebuilt and re-rendered.
 */
export function createNodeMapper() {
  const cache = new Map<string, CachedNode>();
  const portsCache = new WeakMap<WorkflowNode, ReturnType<typeof portsOf>>();
  let fallbackFor: WorkflowDefinition | undefined;
  let fallback = new Map<string, { x: number; y: number }>();

  return function mapNodes(
    definition: WorkflowDefinition,
    selected: ReadonlySet<string>,
    measured: ReadonlyMap<string, Measured>,
    decorations: Decorations,
  ): FlowNode[] {
    if (fallbackFor?.nodes !== definition.nodes || fallbackFor.edges !== definition.edges) {
      fallback = fallbackPositions(definition);
      fallbackFor = definition;
    }
    const usedPorts = new Map<string, Set<string>>();
    for (const edge of definition.edges) {
      const ports = usedPorts.get(edge.source) ?? new Set<string>();
      ports.add(edgePort(edge));
      usedPorts.set(edge.source, ports);
    }
    const seen = new Set<string>();
    const result = definition.nodes.map((node) => {
      seen.add(node.id);
      let ports = portsCache.get(node);
      if (!ports) {
        ports = portsOf(node);
        portsCache.set(node, ports);
      }
      const outputs = ports.outputs;
      const missingList = [...(usedPorts.get(node.id) ?? [])].filter((port) => !outputs.includes(port));
      const missing = missingList.join('\u0000');
      const isSelected = selected.has(node.id);
      const size = measured.get(node.id);
      const errors = decorations.errorsByNode?.get(node.id);
      const status = decorations.statusByNode?.get(node.id);
      const position = node.position ?? fallback.get(node.id) ?? { x: 0, y: 0 };
      const previous = cache.get(node.id);
      const sameData =
        previous &&
        previous.node === node &&
        previous.errors === errors &&
        previous.status === status &&
        previous.missing === missing;
      if (
        sameData &&
        previous.selected === isSelected &&
        previous.measured === size &&
        previous.position.x === position.x &&
        previous.position.y === position.y
      ) {
        return previous.flow;
      }
      const data: FlowNodeData = sameData
        ? previous.flow.data
        : {
            node,
            input: ports.input,
            outputs,
            missingPorts: missingList.length === 0 ? noPorts : missingList,
            ...(errors ? { errors } : {}),
            ...(status ? { status } : {}),
          };
      const flow: FlowNode = {
        id: node.id,
        type: 'workflow',
        position,
        data,
        selected: isSelected,
        ...(size ? { measured: size } : {}),
      };
      cache.set(node.id, {
        node,
        selected: isSelected,
        measured: size,
        errors,
        status,
        missing,
        position,
        flow,
      });
      return flow;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
  };
}

/** The handle id of every node's single input. */
export const inputHandle = 'in';

/** Maps definition edges to React Flow edges, reusing unchanged ones like the node mapper. */
export function createEdgeMapper() {
  const cache = new Map<string, { key: string; flow: Edge }>();
  return function mapEdges(
    definition: WorkflowDefinition,
    selected: ReadonlySet<string>,
    decorations: Decorations,
  ): Edge[] {
    const seen = new Set<string>();
    const result = definition.edges.map((edge) => {
      seen.add(edge.id);
      const invalid = decorations.errorsByEdge?.has(edge.id) ?? false;
      const taken = decorations.takenEdges?.has(edge.id) ?? false;
      const isSelected = selected.has(edge.id);
      const port = edgePort(edge);
      const key = [edge.source, port, edge.target, invalid, taken, isSelected].join('\u0000');
      const previous = cache.get(edge.id);
      if (previous && previous.key === key) return previous.flow;
      const className = ['wf-edge', invalid ? 'wf-edge--invalid' : '', taken ? 'wf-edge--taken' : '']
        .filter(Boolean)
        .join(' ');
      const flow: Edge = {
        id: edge.id,
        source: edge.source,
        sourceHandle: port,
        target: edge.target,
        targetHandle: inputHandle,
        selected: isSelected,
        className,
      };
      cache.set(edge.id, { key, flow });
      return flow;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
  };
}
