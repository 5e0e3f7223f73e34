import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from '../model/auto-layout';
import { fittedRoute, labelPoint, roundedPath } from './route-path';

/** What an edge on the canvas draws: its laid-out route, if any, and the port it leaves by. */
export interface RoutedEdgeData extends Record<string, unknown> {
  route?: readonly Point[];
  /** The port name shown on the edge; none for the plain `out` port. */
  label?: string;
}

export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>;

/**
 * An edge drawn along the orthogonal route the last layout gave it, around the nodes in between;
 * once one of its nodes has moved off that layout, along React Flow's step path instead. Its port
 * name is a label in the middle of its longest segment.
 */
export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<RoutedFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd } = props;
  const source = { x: sourceX, y: sourceY };
  const target = { x: targetX, y: targetY };
  const route = data?.route && fittedRoute(data.route, source, target);
  let path: string;
  let label: Point;
  if (route) {
    path = roundedPath(route);
    label = labelPoint(route);
  } else {
    const [stepPath, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
      borderRadius: 8,
      offset: 24,
    });
    path = stepPath;
    label = { x: labelX, y: labelY };
  }
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} interactionWidth={14} />
      {data?.label && (
        <EdgeLabelRenderer>
          <div
            className={props.selected ? 'wf-edge-label wf-edge-label--selected' : 'wf-edge-label'}
            data-port={data.label}
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
