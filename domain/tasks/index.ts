/** The human-task inbox and task completion. */
export { createTaskStore, maxTaskListLimit } from './task-store';
export type { TaskActor, TaskCompletion, TaskListQuery, TaskStore } from './task-store';
export { mayDecide, outcomesByKind, rolesThatMayComplete, tasksCollection } from './task-documents';
export type { TaskDocument, TaskKind, TaskStatus } from './task-documents';
export { taskIdCandidates, taskIdFor } from './task-id';
export {
  CompletionRejectedError,
  InvalidCompletionError,
  RunUnavailableError,
  TaskError,
  TaskForbiddenError,
  TaskNotFoundError,
  TaskNotOpenError,
} from './task-errors';
export type { TaskErrorDetail } from './task-errors';
