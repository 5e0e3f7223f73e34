import { createContext, useContext } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { GroupBox } from '../model/group-view';
import { inputHandle } from './flow-mapping';

/** What a sub-process's box or frame can ask of the editor. */
export type GroupAction = 'expand' | 'collapse' | 'open';

/**
 * How boxes and frames reach the editor: node data holds no callbacks (the canvas state is the
 * graph JSON plus view state), so the canvas provides this instead.
 */
export const GroupActionContext = createContext<(action: GroupAction, groupId: string) => void>(
  () => undefined,
);

/**
 * A collapsed sub-process: its stage name, how many nodes it stands for, and buttons to expand it
 * in place or open it as its own canvas. Edges entering or leaving the group end on its handles.
 */
export function GroupBoxView({
  box,
  selected,
  inSide,
  outSide,
}: {
  box: GroupBox;
  selected: boolean;
  inSide: Position;
  outSide: Position;
}) {
  const act = useContext(GroupActionContext);
  return (
    <div
      className={`wf-node wf-group-box${selected ? ' wf-node--selected' : ''}${inSide === Position.Top ? ' wf-node--down' : ''}`}
      data-testid={`group-${box.groupId}`}
      aria-label={`Sub-process ${box.name}, ${box.count} nodes`}
    >
      <Handle
        type="target"
        position={inSide}
        id={inputHandle}
        className="wf-handle wf-handle--in"
        isConnectable={false}
      />
      <div className="wf-node__header">
        <span className="wf-node__title" title={box.name}>
          {box.name}
        </span>
      </div>
      <div className="wf-group-box__meta">
        <span>
          {box.count} node{box.count === 1 ? '' : 's'}
        </span>
        <span className="wf-group-box__actions">
          <button
            type="button"
            className="nodrag"
            onClick={() => act('expand', box.groupId)}
            aria-label={`Expand ${box.name}`}
          >
            Expand
          </button>
          <button
            type="button"
            className="nodrag"
            onClick={() => act('open', box.groupId)}
            aria-label={`Open ${box.name}`}
          >
            Open
          </button>
        </span>
      </div>
      <Handle type="source" position={outSide} id="out" className="wf-handle" isConnectable={false} />
    </div>
  );
}
