import { formatDateTime } from '../entities/format';
import { Link } from '../routing/use-route';
import { fromNow } from './due-state';
import type { Task } from './task-api';
import { currentRole, DueTime, roleLabel, TaskFlags } from './task-badges';
import { WorkflowAndRun } from './workflow-name';

/** Open tasks, most urgent first: each title links to the task page. */
export function OpenTaskTable({ tasks, label, now }: { tasks: readonly Task[]; label: string; now: number }) {
  return (
    <table className="records tasks" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Kind</th>
          <th scope="col">Workflow</th>
          <th scope="col">Assigned to</th>
          <th scope="col">Created</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task._id} data-testid={`task-${task._id}`}>
            <td>
              <Link to={{ page: 'inboxTask', id: task._id }} className="task-title">
                {task.title}
              </Link>
              <TaskFlags task={task} now={now} />
            </td>
            <td>{task.kind === 'approval' ? 'Approval' : 'Task'}</td>
            <td>
              <WorkflowAndRun workflowId={task.workflowId} runId={task.runId} />
            </td>
            <td>{roleLabel(currentRole(task))}</td>
            <td title={formatDateTime(task.createdAt)}>{fromNow(Date.parse(task.createdAt), now)}</td>
            <td>
              <DueTime task={task} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Open tasks in the order to work them: overdue first, then by due time, then those without one,
 * oldest first (first come, first served).
 */
export function byUrgency(a: Task, b: Task): number {
  const dueA = a.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(a.dueAt);
  const dueB = b.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(b.dueAt);
  if (dueA !== dueB) return dueA - dueB;
  return Date.parse(a.createdAt) - Date.parse(b.createdAt);
}
