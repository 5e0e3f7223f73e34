import { Link } from '../routing/use-route';
import type { WorkflowSummary } from '../workflows/workflow-api';
import type { RunListItem } from './runs-api';

/** A run's title linking to the run viewer; runs of unknown workflows show their id only. */
export function RunTitleLink({ run }: { run: Pick<RunListItem, 'runId' | 'workflowId' | 'title'> }) {
  const label = run.title ?? run.runId;
  if (run.workflowId === null) return <span>{label}</span>;
  return <Link to={{ page: 'run', id: run.workflowId, runId: run.runId }}>{label}</Link>;
}

/** The record a run is about, linking to its page. */
export function RecordLink({ record }: { record: RunListItem['record'] }) {
  if (record === null) return <span className="meta">—</span>;
  return (
    <Link to={{ page: 'detail', type: record.entityType, id: record.entityId }}>
      {record.entityType} {record.entityId}
    </Link>
  );
}

/** A choice of workflow by name, or any. */
export function WorkflowSelect(props: {
  workflows: WorkflowSummary[];
  value: string;
  onChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <label>
      Workflow
      <select value={props.value} onChange={props.onChange}>
        <option value="">Any</option>
        {props.workflows.map((workflow) => (
          <option key={workflow._id} value={workflow._id}>
            {workflow.name}
          </option>
        ))}
      </select>
    </label>
  );
}
