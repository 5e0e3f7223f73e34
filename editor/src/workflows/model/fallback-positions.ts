import { buildGraph, edgesFrom, edgesInto, type WorkflowDefinition } from './core';
import type { Position } from './graph-edits';

const columnWidth = 300;
const rowHeight = 150;

/**
 * Where to draw nodes that have no position (definitions written by hand or by an API client):
 * columns by distance from the first node that has no incoming edge, rows in definition order.
 * The positions are only drawn, never written into the definition, so opening a workflow does not
 * change it.
 */
export function fallbackPositions(definition: WorkflowDefinition): Map<string, Position> {
  const missing = definition.nodes.filter((node) => !node.position);
  if (missing.length === 0) return new Map();
  const graph = buildGraph(definition);
  const depth = new Map<string, number>();
  const queue = definition.nodes
    .filter((node) => edgesInto(graph, node.id).length === 0)
    .map((node) => node.id);
  for (const id of queue) depth.set(id, 0);
  for (let index = 0; index < queue.length; index++) {
    const id = queue[index]!;
    for (const edge of edgesFrom(graph, id)) {
      if (depth.has(edge.target)) continue;
      depth.set(edge.target, depth.get(id)! + 1);
      queue.push(edge.target);
    }
  }
  const rows = new Map<number, number>();
  const positions = new Map<string, Position>();
  // Every node keeps its row slot, positioned or not, so giving one node a position (dragging it)
  // never moves the others.
  for (const node of definition.nodes) {
    const column = depth.get(node.id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    if (!node.position) positions.set(node.id, { x: column * columnWidth, y: row * rowHeight });
  }
  return positions;
}
