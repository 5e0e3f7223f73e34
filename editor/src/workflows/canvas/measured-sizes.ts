import type { ReactFlowInstance } from '@xyflow/react';
import type { Point, Size } from '../model/auto-layout';
import type { WorkflowDefinition } from '../model/core';
import { readableViewport } from './readable-viewport';

type Flow = Pick<ReactFlowInstance, 'getInternalNode' | 'getNodesBounds' | 'getNodes' | 'setViewport'>;

/**
 * Each drawn node's size and handle points, as React Flow measured them: where an edge attaches
 * (the outer side of the handle, as React Flow draws edges), relative to the node's top-left.
 * Nodes not measured yet are left out, and the layout estimates them.
 */
export function measuredSizes(flow: Flow, definition: WorkflowDefinition): Map<string, Size> {
  const sizes = new Map<string, Size>();
  for (const node of definition.nodes) {
    const internal = flow.getInternalNode(node.id);
    const width = internal?.measured.width;
    const height = internal?.measured.height;
    if (!internal || width === undefined || height === undefined) continue;
    const bounds = internal.internals.handleBounds;
    const attach = (handle: {
      x: number;
      y: number;
      width: number;
      height: number;
      position: string;
    }): Point => {
      if (handle.position === 'top') return { x: handle.x + handle.width / 2, y: handle.y };
      if (handle.position === 'bottom')
        return { x: handle.x + handle.width / 2, y: handle.y + handle.height };
      if (handle.position === 'left') return { x: handle.x, y: handle.y + handle.height / 2 };
      return { x: handle.x + handle.width, y: handle.y + handle.height / 2 };
    };
    const input = bounds?.target?.[0];
    const outputs = Object.fromEntries(
      (bounds?.source ?? []).map((handle) => [handle.id ?? '', attach(handle)]),
    );
    sizes.set(node.id, { width, height, ...(input ? { input: attach(input) } : {}), outputs });
  }
  return sizes;
}

/**
 * Fits the drawn graph into a canvas of `size` without going below the readable zoom (see
 * `readableViewport`): what Zoom to fit, opening a graph and Auto-layout do.
 */
export function fitReadable(flow: Flow, size: { width: number; height: number }, duration = 0): void {
  const nodes = flow.getNodes();
  if (nodes.length === 0 || size.width === 0) return;
  void flow.setViewport(readableViewport(flow.getNodesBounds(nodes), size), { duration });
}
