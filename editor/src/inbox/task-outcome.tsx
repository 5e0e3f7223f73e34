import { formatDateTime } from '../entities/format';
import { outcomeLabel } from './closed-task-table';
import type { Task } from './task-api';
import { TaskData } from './task-data';

/** A closed task's record: completed (by whom, when, the decision, comment and data) or cancelled. */
export function TaskOutcome({ task }: { task: Task }) {
  if (task.status === 'cancelled') {
    return (
      <section className="task-outcome" aria-label="Outcome">
        <p className="task-state state-cancelled" role="status">
          {outcomeLabel(task)}
        </p>
        <p className="meta">
          {task.closedReason === 'timedOut'
            ? 'Nobody decided before the due time, so the workflow went on without a decision.'
            : 'The run ended before anyone decided, so this task no longer needs an answer.'}
          {task.closedAt === undefined ? '' : ` (${formatDateTime(task.closedAt)})`}
        </p>
      </section>
    );
  }
  return (
    <section className="task-outcome" aria-label="Outcome">
      {/* The one place the page says "Completed": the status of the task. */}
      <p className="task-state state-completed" role="status">
        Completed
      </p>
      <dl className="fields">
        {task.kind === 'approval' && (
          <div>
            <dt>Decision</dt>
            <dd>
              <span className={`badge outcome-${task.outcome ?? ''}`} data-testid="task-decision">
                {outcomeLabel(task)}
              </span>
            </dd>
          </div>
        )}
        <div>
          <dt>By</dt>
          <dd data-testid="task-completed-by">{task.completedBy?.email ?? '—'}</dd>
        </div>
        <div>
          <dt>At</dt>
          <dd>{task.completedAt === undefined ? '—' : formatDateTime(task.completedAt)}</dd>
        </div>
        <div>
          <dt>Comment</dt>
          <dd data-testid="task-comment">{task.comment ?? '—'}</dd>
        </div>
      </dl>
      <h3>Data</h3>
      <TaskData data={task.data} formSchema={task.formSchema} />
    </section>
  );
}
