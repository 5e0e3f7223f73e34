import { formatDateTime, humanize } from '../entities/format';
import { Link } from '../routing/use-route';
import type { Task } from './task-api';
import { currentRole, roleLabel } from './task-badges';
import { TaskData } from './task-data';
import { WorkflowAndRun } from './workflow-name';

/** The decision or reason a closed task ended with, in words. */
export function outcomeLabel(task: Task): string {
  if (task.status === 'cancelled') return task.closedReason === 'timedOut' ? 'Timed out' : 'Cancelled';
  if (task.kind === 'task') return 'Submitted';
  return humanize(task.outcome ?? '');
}

/** The history of closed tasks: who decided what, when, with which comment and data. */
export function ClosedTaskTable({ tasks, label }: { tasks: readonly Task[]; label: string }) {
  return (
    <table className="records tasks" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Outcome</th>
          <th scope="col">By</th>
          <th scope="col">When</th>
          <th scope="col">Comment</th>
          <th scope="col">Data</th>
          <th scope="col">Workflow</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const at = task.completedAt ?? task.closedAt;
          return (
            <tr key={task._id} data-testid={`task-${task._id}`}>
              <td>
                <Link to={{ page: 'inboxTask', id: task._id }} className="task-title">
                  {task.title}
                </Link>
                <div className="meta">{roleLabel(currentRole(task))}</div>
              </td>
              <td>
                <span className={`badge outcome-${task.outcome ?? task.closedReason ?? task.status}`}>
                  {outcomeLabel(task)}
                </span>
              </td>
              <td>{task.completedBy?.email ?? '—'}</td>
              <td>{at === undefined ? '—' : formatDateTime(at)}</td>
              <td className="comment">{task.comment ?? '—'}</td>
              <td>
                <TaskData data={task.data} formSchema={task.formSchema} label={`Data of ${task.title}`} />
              </td>
              <td>
                <WorkflowAndRun workflowId={task.workflowId} runId={task.runId} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
