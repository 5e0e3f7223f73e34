/** The collection the worker's human-task activities write and the inbox reads. */
export const tasksCollection = 'tasks';

export type TaskKind = 'approval' | 'task';
export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A human task of a run, written by the worker when a `human.approval` or `human.task` node is reached. */
export interface TaskDocument {
  /** URL-safe (see task-id.ts); for tasks created before ids were URL-safe, the run's key. */
  _id: string;
  /**
   * The run's own name for the task, `<runId>/<nodeId>/<visit>`, which its `completeTask` update
   * names. Absent on tasks created before ids were URL-safe: there it is `_id`.
   */
  key?: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  visit: number;
  kind: TaskKind;
  assigneeRole: string;
  /** The one user who decides the task (the node's `assignee`); absent when the role's holders do. */
  assignee?: string;
  title: string;
  description?: string;
  formSchema?: Record<string, unknown>;
  status: TaskStatus;
  dueAt?: string;
  /** The record the task is about; the inbox shows it with the customer's context. */
  related?: { entityType: string; id: string };
  /**
   * Users who may not decide this approval: whoever started its run by hand or made the write that
   * triggered it (segregation of duties; the node's `allowSelfApproval` leaves it out).
   */
  requestedBy?: string[];
  createdAt: string;
  escalatedTo?: string;
  escalatedAt?: string;
  outcome?: string;
  data?: unknown;
  comment?: string;
  completedBy?: { userId: string; email: string };
  completedAt?: string;
  /** Why an open task was cancelled: `cancelled` (the run ended) or `timedOut`. */
  closedReason?: string;
  closedAt?: string;
}

/** The outcomes a task of each kind may be completed with. */
export const outcomesByKind: Record<TaskKind, readonly string[]> = {
  approval: ['approved', 'rejected'],
  task: ['completed'],
};

/**
 * Whether `actor` may decide `task`: an admin; the named assignee, or any holder of the assignee role
 * when none is named; and the escalation role's holders once it escalated.
 */
export function mayDecide(task: TaskDocument, actor: { userId: string; roles: readonly string[] }): boolean {
  if (actor.roles.includes('admin')) return true;
  if (task.escalatedTo !== undefined && actor.roles.includes(task.escalatedTo)) return true;
  return task.assignee === undefined
    ? actor.roles.includes(task.assigneeRole)
    : task.assignee === actor.userId;
}

/**
 * The role that must complete a task now: the escalation role once it escalated, else the assignee.
 * Both are accepted, so a task escalated while its assignee had the form open is not lost.
 */
export function rolesThatMayComplete(task: TaskDocument): string[] {
  return task.escalatedTo === undefined ? [task.assigneeRole] : [task.assigneeRole, task.escalatedTo];
}
