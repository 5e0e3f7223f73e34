import type { TaskDocument, TaskStatus } from '../../../domain/tasks/task-documents';
import { api } from '../api/api-client';
import { workflowApi } from '../workflows/workflow-api';

export type { TaskStatus } from '../../../domain/tasks/task-documents';

/** A human task as `GET /api/tasks/:id` returns it. */
export type Task = TaskDocument;

/** What a completion sends: the outcome, the form data and an optional comment. */
export interface TaskCompletion {
  outcome: string;
  data: Record<string, unknown>;
  comment?: string;
}

export interface TaskListParams {
  status: TaskStatus;
  /** Only tasks assigned (or escalated) to one of the caller's roles. */
  mine: boolean;
}

/** The task list the inbox shows (up to 200), newest first. */
export async function listTasks(params: TaskListParams): Promise<Task[]> {
  const query = new URLSearchParams({ status: params.status, limit: '200' });
  if (params.mine) query.set('mine', 'true');
  const body = await api<{ items: Task[] }>(`/api/tasks?${query.toString()}`);
  return body.items;
}

function taskUrl(id: string): string {
  return `/api/tasks/${encodeURIComponent(id)}`;
}

export function getTask(id: string): Promise<Task> {
  return api<Task>(taskUrl(id));
}

const changeListeners = new Set<() => void>();

/** Calls `listener` whenever this page completed a task; returns the unsubscribe function. */
export function subscribeToTaskChanges(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Completes a task; a 400 carries the paths of the fields that do not fit (`data.<field>`). */
export async function completeTask(id: string, completion: TaskCompletion): Promise<Task> {
  const task = await api<Task>(`${taskUrl(id)}/complete`, { method: 'POST', body: completion });
  for (const listener of changeListeners) listener();
  return task;
}

const workflowNames = new Map<string, Promise<string>>();

/** A workflow's name, fetched once per page load and shared by every task of that workflow. */
export function fetchWorkflowName(workflowId: string): Promise<string> {
  let name = workflowNames.get(workflowId);
  if (!name) {
    name = workflowApi.get(workflowId).then(
      (workflow) => workflow.name || workflowId,
      () => {
        // Not remembered: the next task row asks again rather than showing the id for good.
        workflowNames.delete(workflowId);
        return workflowId;
      },
    );
    workflowNames.set(workflowId, name);
  }
  return name;
}
