import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { getNodeType } from '../model/core';
import { inputHandle, type FlowNode } from './flow-mapping';
import { GroupBoxView } from './group-box';

const statusText: Record<string, string> = {
  running: 'Running',
  waiting: 'Waiting',
  completed: 'Completed',
  failed: 'Failed',
  skipped: 'Skipped',
};

/**
 * One node on the canvas: its label, type and id, an input handle (triggers have none) and one
 * output handle per port, labelled. Memoized: React Flow re-renders it only when its data or
 * selection changes, which the node mapper keeps rare.
 */
export const WorkflowNodeView = memo(function WorkflowNodeView({ data, selected }: NodeProps<FlowNode>) {
  const { node, input, outputs, missingPorts, errors, status, direction, diff } = data;
  const down = direction === 'DOWN';
  const inSide = down ? Position.Top : Position.Left;
  const outSide = down ? Position.Bottom : Position.Right;
  if (data.box) return <GroupBoxView box={data.box} selected={selected} inSide={inSide} outSide={outSide} />;
  const declaration = getNodeType(node.type);
  const title = node.label ?? declaration?.label ?? node.type;
  const problems = errors?.length ?? 0;
  const className = [
    'wf-node',
    `wf-node--${declaration?.group ?? 'unknown'}`,
    selected ? 'wf-node--selected' : '',
    problems > 0 ? 'wf-node--invalid' : '',
    node.disabled ? 'wf-node--disabled' : '',
    down ? 'wf-node--down' : '',
    diff ? `wf-node--${diff}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={className}
      data-testid={`node-${node.id}`}
      data-status={status ?? 'none'}
      data-diff={diff}
      title={problems > 0 ? errors!.map((error) => error.message).join('\n') : undefined}
    >
      {input && (
        <Handle type="target" position={inSide} id={inputHandle} className="wf-handle wf-handle--in" />
      )}
      <div className="wf-node__header">
        <span className="wf-node__title" title={title}>
          {title}
        </span>
        {problems > 0 && (
          <span className="wf-node__errors" aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}>
            {problems}
          </span>
        )}
      </div>
      <div className="wf-node__meta">
        <span>{node.id}</span>
        <span>{node.type}</span>
      </div>
      {status && <div className={`wf-node__status wf-status--${status}`}>{statusText[status] ?? status}</div>}
      <div className="wf-node__ports">
        {outputs.map((port) => (
          <div key={port} className={`wf-port wf-port--${port}`}>
            <span>{port}</span>
            <Handle type="source" position={outSide} id={port} className="wf-handle" />
          </div>
        ))}
        {missingPorts.map((port) => (
          <div
            key={port}
            className="wf-port wf-port--missing"
            title={`The node has no port "${port}" any more`}
          >
            <span>{port}?</span>
            <Handle type="source" position={outSide} id={port} className="wf-handle" isConnectable={false} />
          </div>
        ))}
      </div>
    </div>
  );
});
