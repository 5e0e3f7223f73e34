import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import { edgePort, type WorkflowDefinition } from './core';
import type { Position } from './graph-edits';
import { portsOf } from './ports';

/** Which way the layers run: left to right, or top to bottom. */
export type LayoutDirection = 'RIGHT' | 'DOWN';

/** A point on the canvas, in the graph's own coordinates. */
export interface Point {
  x: number;
  y: number;
}

/**
 * A node's drawn size and, when the canvas has measured them, where its handles sit relative to
 * its top-left corner; with those, routed edges start and end exactly on the drawn handles.
 */
export interface Size {
  width: number;
  height: number;
  /** The input handle's centre. */
  input?: Point;
  /** Each output port's handle centre, by port name. */
  outputs?: Readonly<Record<string, Point>>;
}

/** Where ELK put the nodes, and the orthogonal route of each edge from handle to handle. */
export interface Layout {
  positions: Map<string, Position>;
  routes: Map<string, Point[]>;
}

/** The size assumed for a node the canvas has not measured (a header plus one row per port). */
export function estimatedSize(outputs: number): Size {
  return { width: 220, height: 56 + Math.max(1, outputs) * 22 };
}

const portId = (nodeId: string, port: string) => `${nodeId}\u0000${port}`;
const inputId = (nodeId: string) => `${nodeId}\u0000\u0000in`;

const sides = {
  RIGHT: { input: 'WEST', output: 'EAST' },
  DOWN: { input: 'NORTH', output: 'SOUTH' },
} as const;

/**
 * The ELK graph of a definition: layered in `direction`, with long edges routed orthogonally
 * around nodes. Each node has one input port on its leading side and its output ports on its
 * trailing side in their declared order, so `true` stays above (or left of) `false` and `error`
 * comes last. Where the canvas measured the handles, the ports sit exactly on them.
 */
export function toElkGraph(
  definition: WorkflowDefinition,
  sizes: ReadonlyMap<string, Size> = new Map(),
  direction: LayoutDirection = 'RIGHT',
  layerSpacing = 70,
): ElkNode {
  // Each node's output ports, read once; with a duplicated id, the first node's (as the graph index).
  const outputsOf = new Map<string, string[]>();
  for (const node of definition.nodes) {
    if (!outputsOf.has(node.id)) outputsOf.set(node.id, portsOf(node).outputs);
  }
  const side = sides[direction];
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(layerSpacing),
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.edgeNode': '18',
      'elk.spacing.edgeEdge': '12',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.thoroughness': '30',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // A depth-first search from the triggers finds the back edges of rework loops, so the loop
      // runs backwards on the canvas and the happy path keeps its direction.
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    },
    children: definition.nodes.map((node) => {
      const outputs = outputsOf.get(node.id)!;
      const size = sizes.get(node.id) ?? estimatedSize(outputs.length);
      const measured = size.input !== undefined && outputs.every((port) => size.outputs?.[port]);
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': measured ? 'FIXED_POS' : 'FIXED_ORDER' },
        ports: [
          {
            id: inputId(node.id),
            width: 0,
            height: 0,
            ...(measured ? size.input : {}),
            layoutOptions: { 'elk.port.side': side.input },
          },
          // With FIXED_ORDER, ELK orders a side's ports clockwise by index: top to bottom on the east
          // side, but right to left on the south side, so there the declared order is reversed.
          ...outputs.map((port, index) => ({
            id: portId(node.id, port),
            width: 0,
            height: 0,
            ...(measured ? size.outputs![port] : {}),
            layoutOptions: {
              'elk.port.side': side.output,
              'elk.port.index': String(direction === 'DOWN' ? outputs.length - 1 - index : index),
            },
          })),
        ],
      };
    }),
    edges: definition.edges
      .filter((edge) => outputsOf.has(edge.source) && outputsOf.has(edge.target))
      .map((edge) => {
        const port = edgePort(edge);
        const known = outputsOf.get(edge.source)!.includes(port);
        return {
          id: edge.id,
          sources: [known ? portId(edge.source, port) : edge.source],
          targets: [inputId(edge.target)],
        };
      }),
  };
}

/** The node positions ELK chose, rounded to whole pixels. */
export function positionsFromElk(layout: ElkNode): Map<string, Position> {
  return new Map(
    (layout.children ?? []).map((child) => [
      child.id,
      { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) },
    ]),
  );
}

/** Each edge's route as ELK drew it: its start, bend points and end, rounded like the positions. */
export function routesFromElk(layout: ElkNode): Map<string, Point[]> {
  const round = (point: Point) => ({ x: Math.round(point.x), y: Math.round(point.y) });
  const routes = new Map<string, Point[]>();
  for (const edge of layout.edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    routes.set(edge.id, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(round));
  }
  return routes;
}

let elk: Promise<ELK> | undefined;

/**
 * Lays the graph out with ELK's layered algorithm. ELK runs in the page's own thread: the API's
 * CSP allows no worker from a blob, and a few hundred nodes lay out in well under a second. It is
 * loaded on first use, which keeps its 1.5 MB out of the first page load. `layerSpacing` is the
 * room between layers; a view of collapsed sub-processes takes less, to read at one screen.
 */
export async function layoutGraph(
  definition: WorkflowDefinition,
  sizes: ReadonlyMap<string, Size> = new Map(),
  direction: LayoutDirection = 'RIGHT',
  layerSpacing = 70,
): Promise<Layout> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk());
  const result = await (await elk).layout(toElkGraph(definition, sizes, direction, layerSpacing));
  return { positions: positionsFromElk(result), routes: routesFromElk(result) };
}

/** The node positions of `layoutGraph`. */
export async function autoLayout(
  definition: WorkflowDefinition,
  sizes: ReadonlyMap<string, Size> = new Map(),
  direction: LayoutDirection = 'RIGHT',
): Promise<Map<string, Position>> {
  return (await layoutGraph(definition, sizes, direction)).positions;
}

/**
 * The direction a drawn graph runs: top to bottom when its edges mostly lead downwards more than
 * sideways, else left to right. A graph laid out either way opens with its handles on the sides its
 * edges leave by.
 *
 * @example
 * inferDirection({ name: 'a', nodes: [{ id: 'a', type: 'flow.end', params: {}, position: { x: 0, y: 0 } },
 *   { id: 'b', type: 'flow.end', params: {}, position: { x: 0, y: 200 } }],
 *   edges: [{ id: 'e', source: 'a', target: 'b' }] }); // 'DOWN'
 */
export function inferDirection(definition: WorkflowDefinition): LayoutDirection {
  const positions = new Map(definition.nodes.map((node) => [node.id, node.position]));
  let down = 0;
  let right = 0;
  for (const edge of definition.edges) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (!from || !to) continue;
    if (to.y - from.y > Math.abs(to.x - from.x)) down += 1;
    else right += 1;
  }
  return down > right ? 'DOWN' : 'RIGHT';
}
