import { useContext } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { GroupFrame, Lane } from '../model/group-view';
import type { FlowNode } from './flow-mapping';
import { GroupActionContext } from './group-box';

/** Room between a frame and the nodes it holds; its label sits above it. */
const pad = 16;

/**
 * The frames of expanded sub-processes, each around its nodes with its name and buttons to collapse
 * it or open it alone, and the swimlane bands, in graph coordinates behind the nodes. They are drawn
 * in the viewport, not as React Flow nodes, so they are never selected, dragged or measured as nodes.
 */
export function GroupFrames({
  frames,
  lanes,
  nodes,
}: {
  frames: readonly GroupFrame[];
  lanes: readonly Lane[];
  nodes: readonly FlowNode[];
}) {
  const act = useContext(GroupActionContext);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const boxes = frames.flatMap((frame) => {
    const members = frame.nodeIds.flatMap((id) => byId.get(id) ?? []);
    if (members.length === 0) return [];
    const left = Math.min(...members.map((node) => node.position.x)) - pad;
    const top = Math.min(...members.map((node) => node.position.y)) - pad;
    const right = Math.max(...members.map((node) => node.position.x + (node.measured?.width ?? 200))) + pad;
    const bottom = Math.max(...members.map((node) => node.position.y + (node.measured?.height ?? 80))) + pad;
    return [{ frame, left, top, width: right - left, height: bottom - top }];
  });
  const xs = nodes.map((node) => node.position.x);
  // Starts just left of the first node, where a fitted view still shows the lane's label.
  const laneLeft = Math.min(...xs) - 10;
  const laneWidth = Math.max(0, ...xs) + 320 - laneLeft;
  return (
    <ViewportPortal>
      {lanes.map((lane) => (
        <div
          key={lane.role}
          className="wf-lane"
          data-testid={`lane-${lane.role}`}
          style={{
            transform: `translate(${laneLeft}px, ${lane.top}px)`,
            width: laneWidth,
            height: lane.height,
          }}
        >
          <span className="wf-lane__label">{lane.role}</span>
        </div>
      ))}
      {boxes.map(({ frame, left, top, width, height }) => (
        <div
          key={frame.groupId}
          className="wf-group-frame"
          data-testid={`frame-${frame.groupId}`}
          style={{ transform: `translate(${left}px, ${top}px)`, width, height }}
        >
          <div className="wf-group-frame__label">
            <span>{frame.name}</span>
            <button
              type="button"
              onClick={() => act('collapse', frame.groupId)}
              aria-label={`Collapse ${frame.name}`}
            >
              Collapse
            </button>
            <button
              type="button"
              onClick={() => act('open', frame.groupId)}
              aria-label={`Open ${frame.name}`}
            >
              Open
            </button>
          </div>
        </div>
      ))}
    </ViewportPortal>
  );
}
