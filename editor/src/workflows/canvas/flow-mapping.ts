import { MarkerType, type Node } from '@xyflow/react';
import type { LayoutDirection, Point } from '../model/auto-layout';
import {
  DEFAULT_PORT,
  edgePort,
  type TraceStatus,
  type ValidationError,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from '../model/core';
import { fallbackPositions } from '../model/fallback-positions';
import type { NodeDiff } from '../model/definition-diff';
import type { GroupBox } from '../model/group-view';
import { portsOf } from '../model/ports';
import type { RoutedFlowEdge } from './routed-edge';

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
  diff?: NodeDiff;
  /** The layout's direction: inputs on the left and outputs on the right, or top and bottom. */
  direction: LayoutDirection;
  /** Set when the node is a collapsed sub-process's box rather than a node of the definition. */
  box?: GroupBox;
}

export type FlowNode = Node<FlowNodeData, 'workflow'>;

/** Per-node decorations: validation errors while editing, run status in the run viewer. */
export interface Decorations {
  errorsByNode?: ReadonlyMap<string, ValidationError[]>;
  errorsByEdge?: ReadonlyMap<string, ValidationError[]>;
  statusByNode?: ReadonlyMap<string, TraceStatus>;
  takenEdges?: ReadonlySet<string>;
  /** A comparison of two versions: nodes and edges added, changed or removed. */
  diffByNode?: ReadonlyMap<string, NodeDiff>;
  diffByEdge?: ReadonlyMap<string, 'added' | 'removed'>;
  /** Collapsed sub-processes drawn as boxes, by box id. */
  boxes?: ReadonlyMap<string, GroupBox>;
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
  direction: LayoutDirection;
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
    direction: LayoutDirection = 'RIGHT',
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
      const diff = decorations.diffByNode?.get(node.id);
      const box = decorations.boxes?.get(node.id);
      const position = node.position ?? fallback.get(node.id) ?? { x: 0, y: 0 };
      const previous = cache.get(node.id);
      const sameData =
        previous &&
        previous.node === node &&
        previous.errors === errors &&
        previous.status === status &&
        previous.flow.data.diff === diff &&
        previous.flow.data.box === box &&
        previous.missing === missing &&
        previous.direction === direction;
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
            direction,
            ...(errors ? { errors } : {}),
            ...(status ? { status } : {}),
            ...(diff ? { diff } : {}),
            ...(box ? { box } : {}),
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
        direction,
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

/** The laid-out routes and the view the edges are drawn in. */
export interface EdgeLayout {
  routes: ReadonlyMap<string, readonly Point[]>;
  direction: LayoutDirection;
  /** Where each node is drawn: an edge running against the layout's direction is a back edge. */
  positions: ReadonlyMap<string, { x: number; y: number }>;
}

const arrow = { type: MarkerType.ArrowClosed, width: 16, height: 16 };

/**
 * Whether an edge runs against the layout's direction (the rework loop of an approval): such edges
 * are drawn dashed, so a loop reads as a loop.
 */
function isBackEdge(edge: WorkflowEdge, layout: EdgeLayout): boolean {
  const from = layout.positions.get(edge.source);
  const to = layout.positions.get(edge.target);
  if (!from || !to) return false;
  return layout.direction === 'DOWN' ? to.y < from.y : to.x < from.x;
}

/** Maps definition edges to React Flow edges, reusing unchanged ones like the node mapper. */
export function createEdgeMapper() {
  const cache = new Map<string, { key: string; route: readonly Point[] | undefined; flow: RoutedFlowEdge }>();
  return function mapEdges(
    definition: WorkflowDefinition,
    selected: ReadonlySet<string>,
    decorations: Decorations,
    layout: EdgeLayout,
  ): RoutedFlowEdge[] {
    const seen = new Set<string>();
    const result = definition.edges.map((edge) => {
      seen.add(edge.id);
      const invalid = decorations.errorsByEdge?.has(edge.id) ?? false;
      const taken = decorations.takenEdges?.has(edge.id) ?? false;
      const diff = decorations.diffByEdge?.get(edge.id) ?? '';
      const isSelected = selected.has(edge.id);
      const back = isBackEdge(edge, layout);
      const port = edgePort(edge);
      const route = layout.routes.get(edge.id);
      const key = [edge.source, port, edge.target, invalid, taken, isSelected, back, diff].join('\u0000');
      const previous = cache.get(edge.id);
      if (previous && previous.key === key && previous.route === route) return previous.flow;
      const className = [
        'wf-edge',
        invalid ? 'wf-edge--invalid' : '',
        taken ? 'wf-edge--taken' : '',
        back ? 'wf-edge--back' : '',
        diff ? `wf-edge--${diff}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const flow: RoutedFlowEdge = {
        id: edge.id,
        type: 'routed',
        source: edge.source,
        sourceHandle: port,
        target: edge.target,
        targetHandle: inputHandle,
        selected: isSelected,
        className,
        markerEnd: arrow,
        ariaLabel: `Edge from ${edge.source}${port === DEFAULT_PORT ? '' : ` (${port})`} to ${edge.target}`,
        data: { ...(route ? { route } : {}), ...(port === DEFAULT_PORT ? {} : { label: port }) },
      };
      cache.set(edge.id, { key, route, flow });
      return flow;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
  };
}
