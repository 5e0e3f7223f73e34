import { formatDateTime, humanize } from '../entities/format';
import { dueLabel, urgencyOf } from './due-state';
import type { Task } from './task-api';

/** The role a task waits on now: its escalation role once escalated, else its assignee. */
export function currentRole(task: Pick<Task, 'assigneeRole' | 'escalatedTo'>): string {
  return task.escalatedTo ?? task.assigneeRole;
}

/** A role name for people: `salesManager` → "Sales manager". */
export function roleLabel(role: string): string {
  return humanize(role);
}

/** When an open task is due, coloured by urgency, with the exact time on hover. */
export function DueTime({ task, now }: { task: Task; now: number }) {
  const urgency = urgencyOf(task, now);
  return (
    <span
      className={`due due-${urgency}`}
      title={task.dueAt === undefined ? undefined : formatDateTime(task.dueAt)}
      data-urgency={urgency}
    >
      {dueLabel(task, now)}
    </span>
  );
}

/** The flags that need attention: overdue, escalated (and to whom). */
export function TaskFlags({ task, now }: { task: Task; now: number }) {
  const overdue = urgencyOf(task, now) === 'overdue';
  return (
    <span className="task-flags">
      {overdue && <span className="flag flag-overdue">Overdue</span>}
      {task.escalatedTo !== undefined && (
        <span
          className="flag flag-escalated"
          title={task.escalatedAt === undefined ? undefined : `Escalated ${formatDateTime(task.escalatedAt)}`}
        >
          Escalated to {roleLabel(task.escalatedTo)}
        </span>
      )}
    </span>
  );
}
