import { useState } from 'react';
import { mayDecide } from '../../../domain/tasks/task-documents';
import { useSession } from '../auth/session';
import { formatDateTime } from '../entities/format';
import { Link } from '../routing/use-route';
import { RelatedRecord } from './related-record';
import { getTask, type Task } from './task-api';
import { currentRole, DueTime, roleLabel, TaskFlags } from './task-badges';
import { TaskDecisionForm } from './task-decision-form';
import { TaskOutcome } from './task-outcome';
import { useLiveData, useNow } from './use-live-data';
import { WorkflowAndRun } from './workflow-name';
import './inbox.css';

/** How often an open task page checks whether someone else completed it or the run ended. */
const refreshMs = 10_000;

/**
 * One task at `/inbox/:taskId`: what it is about (workflow, run, due time, the related record and
 * its customer), then the form with Approve / Reject or Submit while it is open, or its outcome.
 */
export function TaskPage({ id }: { id: string }) {
  const { user } = useSession();
  const now = useNow();
  const loaded = useLiveData(`task:${id}`, () => getTask(id), refreshMs);
  // The completion's answer, shown at once rather than after the next refresh.
  const [completed, setCompleted] = useState<Task | undefined>();
  const task = completed ?? loaded.data;

  if (task === undefined) {
    return loaded.error ? <p role="alert">{loaded.error}</p> : <p>Loading…</p>;
  }
  const allowed = user ? mayDecide(task, { userId: user.id, roles: user.roles }) : false;
  const requestedByMe =
    task.kind === 'approval' && user != null && task.requestedBy?.includes(user.id) === true;

  return (
    <section className="page task-page" aria-labelledby="task-title">
      <header className="page-header">
        <div>
          <p className="eyebrow">{task.kind === 'approval' ? 'Approval' : 'Task'}</p>
          <h1 id="task-title">{task.title}</h1>
        </div>
        <Link to="/inbox">Back to inbox</Link>
      </header>
      <dl className="fields task-facts">
        <div>
          <dt>Workflow</dt>
          <dd>
            <WorkflowAndRun workflowId={task.workflowId} runId={task.runId} />
          </dd>
        </div>
        <div>
          <dt>Assigned to</dt>
          <dd>
            {task.assignee === undefined
              ? roleLabel(task.assigneeRole)
              : task.assignee === user?.id
                ? 'You'
                : `User ${task.assignee} (${roleLabel(task.assigneeRole)})`}{' '}
            <TaskFlags task={task} now={now} />
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(task.createdAt)}</dd>
        </div>
        {task.status === 'open' && (
          <div>
            <dt>Due</dt>
            <dd>
              <DueTime task={task} now={now} />
            </dd>
          </div>
        )}
      </dl>
      {task.description !== undefined && <p className="task-description">{task.description}</p>}
      <div className={task.related ? 'task-columns' : undefined}>
        <div className="task-main">
          {task.status !== 'open' ? (
            <TaskOutcome task={task} />
          ) : requestedByMe ? (
            <p className="notice" role="note">
              You requested this approval (you started its run or made the change that triggered it), so
              another holder of the role {roleLabel(currentRole(task))} must decide it.
            </p>
          ) : allowed ? (
            <TaskDecisionForm task={task} onCompleted={setCompleted} onStale={loaded.reload} />
          ) : (
            <p className="notice" role="note">
              {task.assignee === undefined || task.escalatedTo !== undefined
                ? `This task waits on the role ${roleLabel(currentRole(task))}; you can read it but not answer it.`
                : `This task is assigned to one user (${task.assignee}); you can read it but not answer it.`}
            </p>
          )}
        </div>
        {task.related && <RelatedRecord related={task.related} decidedAt={task.completedAt} />}
      </div>
    </section>
  );
}
