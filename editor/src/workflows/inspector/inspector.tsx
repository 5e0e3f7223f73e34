import { useState } from 'react';
import type { Selection } from '../canvas/workflow-canvas';
import {
  edgePort,
  type NodeTypeDescription,
  type WorkflowDefinition,
  type WorkflowNode,
} from '../model/core';
import { removeElements, renameNode, updateMeta, updateNode } from '../model/graph-edits';
import { portsOf } from '../model/ports';
import type { ErrorIndex } from '../model/validation-index';
import { ErrorWorkflowSetting } from './error-workflow-setting';
import { ParamsForm } from './params-form';

export interface InspectorProps {
  definition: WorkflowDefinition;
  selection: Selection;
  nodeTypes: ReadonlyMap<string, NodeTypeDescription>;
  errors: ErrorIndex;
  readOnly: boolean;
  onEdit: (next: WorkflowDefinition, key?: string) => void;
}

/**
 * The right-hand panel: the selected node's settings (label, id, params form), the selected edge,
 * or, with nothing selected, the workflow's own name, description and settings.
 */
export function Inspector(props: InspectorProps) {
  const { definition, selection } = props;
  const [nodeId] = selection.nodes.size === 1 ? [...selection.nodes] : [];
  const node =
    nodeId === undefined ? undefined : definition.nodes.find((candidate) => candidate.id === nodeId);
  if (node) return <NodeInspector key={node.id} {...props} node={node} />;
  if (selection.nodes.size > 1 || selection.edges.size > 1) {
    return (
      <section className="wf-inspector" aria-label="Inspector">
        <h2>Selection</h2>
        <p>
          {selection.nodes.size} nodes and {selection.edges.size} connections selected. Copy, cut, delete or
          drag them together.
        </p>
      </section>
    );
  }
  const [edgeId] = [...selection.edges];
  const edge =
    edgeId === undefined ? undefined : definition.edges.find((candidate) => candidate.id === edgeId);
  if (edge) {
    const problems = props.errors.byEdge.get(edge.id) ?? [];
    return (
      <section className="wf-inspector" aria-label="Inspector">
        <h2>Connection {edge.id}</h2>
        <p>
          From <strong>{edge.source}</strong> by port <strong>{edgePort(edge)}</strong> to{' '}
          <strong>{edge.target}</strong>.
        </p>
        <ProblemList problems={problems.map((problem) => problem.message)} />
        {!props.readOnly && (
          <button
            type="button"
            className="danger"
            onClick={() => props.onEdit(removeElements(definition, new Set(), new Set([edge.id])))}
          >
            Delete connection
          </button>
        )}
      </section>
    );
  }
  return <WorkflowSettings {...props} />;
}

function ProblemList({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="wf-problems-inline" aria-label="Problems">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}

function NodeInspector(props: InspectorProps & { node: WorkflowNode }) {
  const { node, definition, nodeTypes, readOnly, onEdit } = props;
  const description = nodeTypes.get(node.type);
  const [id, setId] = useState(node.id);
  const [renameProblem, setRenameProblem] = useState<string | undefined>();
  const errors = props.errors.byNode.get(node.id) ?? [];
  const nodeLevel = errors.filter((error) => !error.path.startsWith('params') || error.edgeId !== undefined);
  const { outputs } = portsOf(node);

  const rename = () => {
    if (id === node.id) return;
    const result = renameNode(definition, node.id, id);
    if ('problem' in result) setRenameProblem(result.problem);
    else onEdit(result.definition);
  };

  return (
    <section className="wf-inspector" aria-label="Inspector">
      <p className="eyebrow">{node.type}</p>
      <h2>{node.label ?? description?.label ?? node.type}</h2>
      {description && <p className="meta">{description.description}</p>}
      <div className="wf-fields">
        <label>
          Label
          <input
            value={node.label ?? ''}
            placeholder={description?.label}
            readOnly={readOnly}
            onChange={(event) =>
              onEdit(
                updateNode(definition, node.id, { label: event.target.value || undefined }),
                `label:${node.id}`,
              )
            }
          />
        </label>
        <label>
          Node id
          <input
            value={id}
            readOnly={readOnly}
            aria-describedby="node-id-help"
            onChange={(event) => {
              setId(event.target.value);
              setRenameProblem(undefined);
            }}
            onBlur={rename}
            onKeyDown={(event) => {
              if (event.key === 'Enter') rename();
            }}
          />
        </label>
        <p id="node-id-help" className="field-description">
          Expressions use it: $nodes.{node.id}. Renaming updates every reference.
        </p>
        {renameProblem && <p className="wf-expr__error">{renameProblem}</p>}
        <label className="wf-check">
          <input
            type="checkbox"
            checked={node.disabled === true}
            disabled={readOnly}
            onChange={(event) =>
              onEdit(updateNode(definition, node.id, { disabled: event.target.checked || undefined }))
            }
          />
          Disabled (skipped in runs)
        </label>
      </div>
      <ProblemList problems={nodeLevel.map((error) => error.message)} />
      {description ? (
        <ParamsForm
          node={node}
          description={description}
          errors={errors}
          readOnly={readOnly}
          onChange={(params) => onEdit(updateNode(definition, node.id, { params }), `params:${node.id}`)}
        />
      ) : (
        <p className="error">Unknown node type {node.type}.</p>
      )}
      {description && (
        <dl className="wf-facts">
          <dt>Output</dt>
          <dd>{description.outputDescription}</dd>
          <dt>Ports</dt>
          <dd>{outputs.length > 0 ? outputs.join(', ') : 'none'}</dd>
        </dl>
      )}
    </section>
  );
}

function WorkflowSettings({ definition, readOnly, onEdit, errors }: InspectorProps) {
  return (
    <section className="wf-inspector" aria-label="Inspector">
      <h2>Workflow</h2>
      <div className="wf-fields">
        <label>
          Name
          <input
            value={definition.name}
            readOnly={readOnly}
            onChange={(event) =>
              onEdit(updateMeta(definition, { name: event.target.value }), 'workflow-name')
            }
          />
        </label>
        <label>
          Description
          <textarea
            value={definition.description ?? ''}
            readOnly={readOnly}
            rows={3}
            onChange={(event) =>
              onEdit(updateMeta(definition, { description: event.target.value }), 'workflow-description')
            }
          />
        </label>
        <label>
          Step limit per run
          <input
            type="number"
            min={1}
            placeholder="1000"
            value={definition.settings?.maxSteps ?? ''}
            readOnly={readOnly}
            onChange={(event) => {
              const value = event.target.value === '' ? undefined : Number(event.target.value);
              const { maxSteps: _previous, ...rest } = definition.settings ?? {};
              const settings = value === undefined ? rest : { ...rest, maxSteps: value };
              const { settings: _old, ...withoutSettings } = definition;
              onEdit(
                Object.keys(settings).length === 0 ? withoutSettings : { ...withoutSettings, settings },
                'workflow-settings',
              );
            }}
          />
        </label>
        <ErrorWorkflowSetting
          definition={definition}
          readOnly={readOnly}
          onChange={(settings) => {
            const { settings: _old, ...withoutSettings } = definition;
            onEdit(
              settings === undefined || Object.keys(settings).length === 0
                ? withoutSettings
                : { ...withoutSettings, settings },
              'workflow-settings',
            );
          }}
        />
      </div>
      <ProblemList problems={errors.general.map((error) => error.message)} />
      <p className="meta">Select a node to edit it. Drag node types from the palette onto the canvas.</p>
    </section>
  );
}
