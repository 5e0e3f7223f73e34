import { useEffect, useState } from 'react';
import type { WorkflowDefinition } from '../model/core';
import { workflowApi } from '../workflow-api';

/**
 * The workflow's error workflow: another workflow started once for each failed run, with what
 * failed as its input. Only a published workflow runs; the list offers every other workflow.
 */
export function ErrorWorkflowSetting(props: {
  definition: WorkflowDefinition;
  readOnly: boolean;
  onChange: (settings: WorkflowDefinition['settings']) => void;
}) {
  const { definition, readOnly, onChange } = props;
  const [workflows, setWorkflows] = useState<{ _id: string; name: string; publishedVersion?: number }[]>([]);
  useEffect(() => {
    let live = true;
    workflowApi.list().then(
      (items) => live && setWorkflows(items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const value = definition.settings?.errorWorkflowId ?? '';
  return (
    <label>
      Error workflow
      <select
        value={value}
        disabled={readOnly}
        onChange={(event) => {
          const { errorWorkflowId: _previous, ...rest } = definition.settings ?? {};
          onChange(event.target.value === '' ? rest : { ...rest, errorWorkflowId: event.target.value });
        }}
      >
        <option value="">None</option>
        {value !== '' && !workflows.some((workflow) => workflow._id === value) && (
          <option value={value}>{value}</option>
        )}
        {workflows
          .filter((workflow) => workflow.name !== definition.name)
          .map((workflow) => (
            <option key={workflow._id} value={workflow._id}>
              {workflow.name}
              {workflow.publishedVersion === undefined ? ' (not published)' : ''}
            </option>
          ))}
      </select>
    </label>
  );
}
