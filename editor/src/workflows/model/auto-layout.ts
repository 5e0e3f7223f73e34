import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import { edgePort, type WorkflowDefinition } from './core';
import type { Position } from './graph-edits';
import { portsOf } from './ports';

/** A node's drawn size; the canvas measures it, the layout leaves room for it. */
export interface Size {
  width: number;
  height: number;
}

/** The size assumed for a node the canvas has not measured (a header plus one row per port). */
export function estimatedSize(outputs: number): Size {
  return { width: 220, height: 56 + Math.max(1, outputs) * 22 };
}

const portId = (nodeId: string, port: string) => `${nodeId}\u0000${port}`;
const inputId = (nodeId: string) => `${nodeId}\u0000\u0000in`;

/**
 * The ELK graph of a definition: layered left to right, output ports on the east side in their
 * declared order (so `true` stays above `false`), one input port on the west side.
 */
export function toElkGraph(
  definition: WorkflowDefinition,
  sizes: ReadonlyMap<string, Size> = new Map(),
): ElkNode {
  // Each node's output ports, read once; with a duplicated id, the first node's (as the graph index).
  const outputsOf = new Map<string, string[]>();
  for (const node of definition.nodes) {
    if (!outputsOf.has(node.id)) outputsOf.set(node.id, portsOf(node).outputs);
  }
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // A depth-first search from the triggers finds the back edges of rework loops, so the loop
      // runs backwards on the canvas and the happy path stays left to right.
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    },
    children: definition.nodes.map((node) => {
      const outputs = outputsOf.get(node.id)!;
      const size = sizes.get(node.id) ?? estimatedSize(outputs.length);
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: inputId(node.id), layoutOptions: { 'elk.port.side': 'WEST' } },
          // With FIXED_ORDER, ELK keeps ports in list order: the declared order of the outputs.
          ...outputs.map((port) => ({
            id: portId(node.id, port),
            layoutOptions: { 'elk.port.side': 'EAST' },
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

let elk: Promise<ELK> | undefined;

/**
 * Lays the graph out with ELK's layered algorithm and returns each node's new position. ELK runs in
 * the page's own thread: the API's CSP allows no worker from a blob, and a few hundred nodes lay out
 * in well under a second. It is loaded on first use, which keeps its 1.5 MB out of the first page load.
 */
export async function autoLayout(
  definition: WorkflowDefinition,
  sizes: ReadonlyMap<string, Size> = new Map(),
): Promise<Map<string, Position>> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk());
  return positionsFromElk(await (await elk).layout(toElkGraph(definition, sizes)));
}
