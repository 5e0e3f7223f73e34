import { useEffect, useState } from 'react';
import { Link } from '../routing/use-route';
import { fetchWorkflowName } from './task-api';

/** The name of the workflow a task belongs to (its id until fetched), linking to the workflow. */
export function WorkflowName({ workflowId }: { workflowId: string }) {
  const [name, setName] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void fetchWorkflowName(workflowId).then((loaded) => live && setName(loaded));
    return () => {
      live = false;
    };
  }, [workflowId]);
  return (
    <Link to={{ page: 'workflow', id: workflowId }} className="workflow-name">
      {name ?? workflowId}
    </Link>
  );
}

/** The workflow's name and a link to the run in the run viewer. */
export function WorkflowAndRun({ workflowId, runId }: { workflowId: string; runId: string }) {
  return (
    <span className="workflow-run">
      <WorkflowName workflowId={workflowId} />
      <Link to={{ page: 'run', id: workflowId, runId }} className="run-link">
        View run
      </Link>
    </span>
  );
}
