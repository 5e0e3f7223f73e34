import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import { createTaskStore, maxTaskListLimit, type TaskListQuery, type TaskStore } from '../../../domain/tasks';
import type { Logger } from '../../../platform/logger';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { assertNoOperatorKeys } from '../entities/request-guards';
import { mapped } from './task-errors-to-http';

export interface TaskRoutesDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  log: Logger;
  /** Defaults to `createTaskStore(db)`. */
  tasks?: TaskStore;
}

const statuses = ['open', 'completed', 'cancelled'] as const;
const maxCommentLength = 4000;

function single(query: Request['query'], name: string, details: ErrorDetail[]): string | undefined {
  const value = query[name];
  // `?status=` from a form with nothing chosen means no filter.
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  details.push({ path: name, message: 'must be a single value' });
  return undefined;
}

function parseListQuery(req: Request): TaskListQuery {
  const details: ErrorDetail[] = [];
  const status = single(req.query, 'status', details);
  const mine = single(req.query, 'mine', details);
  const runId = single(req.query, 'runId', details);
  const workflowId = single(req.query, 'workflowId', details);
  const limit = single(req.query, 'limit', details);
  if (status !== undefined && !(statuses as readonly string[]).includes(status)) {
    details.push({ path: 'status', message: `must be one of: ${statuses.join(', ')}` });
  }
  if (mine !== undefined && mine !== 'true' && mine !== 'false') {
    details.push({ path: 'mine', message: 'must be true or false' });
  }
  if (
    limit !== undefined &&
    !(/^[0-9]{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= maxTaskListLimit)
  ) {
    details.push({ path: 'limit', message: `must be an integer from 1 to ${maxTaskListLimit}` });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid task list parameters', details);
  return {
    ...(status === undefined ? {} : { status: status as TaskListQuery['status'] }),
    ...(mine === 'true' ? { roles: getActor(req).roles, userId: getActor(req).userId } : {}),
    ...(runId === undefined ? {} : { runId }),
    ...(workflowId === undefined ? {} : { workflowId }),
    ...(limit === undefined ? {} : { limit: Number(limit) }),
  };
}

/** The task id of a `/tasks/*id` route: its path segments, each decoded, joined by `/`. */
function taskIdParam(req: Request): string {
  const segments = (req.params as Record<string, string | string[]>).id ?? [];
  return typeof segments === 'string' ? segments : segments.join('/');
}

/** `{outcome, data?, comment?}`, each of the right type; the store checks them against the task. */
function parseCompletion(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'request body must be a JSON object', [
      { path: '', message: 'must be a JSON object such as {"outcome": "approved", "data": {}}' },
    ]);
  }
  const { outcome, data, comment, ...rest } = body as Record<string, unknown>;
  const details: ErrorDetail[] = Object.keys(rest).map((key) => ({
    path: key,
    message: 'is not an allowed property',
  }));
  if (typeof outcome !== 'string')
    details.push({ path: 'outcome', message: 'is required and must be a string' });
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    details.push({ path: 'data', message: 'must be an object' });
  }
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > maxCommentLength)) {
    details.push({ path: 'comment', message: `must be a string of at most ${maxCommentLength} characters` });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid task completion', details);
  // The data is stored on the task document, so its field names must be storable.
  assertNoOperatorKeys(body);
  return {
    outcome: outcome as string,
    data: data ?? {},
    ...(comment === undefined ? {} : { comment: comment as string }),
  };
}

/**
 * The task inbox (README: HTTP API) under `/api`: list (`status`, `mine`, `runId`, `workflowId`), one task, and
 * completion, which only a holder of the task's role (or an admin) may do.
 *
 * @example
 * createApp({ log, health, authenticate, apiRouters: [taskRoutes({ db, temporal, taskQueue, namespace, log })] });
 */
export function taskRoutes(deps: TaskRoutesDeps): Router {
  const tasks = deps.tasks ?? createTaskStore(deps.db);
  const router = Router();

  router.get('/tasks', async (req, res) => {
    authorize(getActor(req), { resource: 'workflow', action: 'read' });
    res.json({ items: await tasks.list(parseListQuery(req)) });
  });

  // `*id` rather than `:id`: a task id from before ids were URL-safe holds `/`, and a client that
  // does not encode it still reaches its task.
  router.get('/tasks/*id', async (req, res) => {
    authorize(getActor(req), { resource: 'workflow', action: 'read' });
    res.json(await mapped(() => tasks.get(taskIdParam(req))));
  });

  router.post('/tasks/*id/complete', async (req, res) => {
    const actor = getActor(req);
    const completion = parseCompletion(req.body);
    const task = await mapped(() => tasks.complete(taskIdParam(req), completion, actor, deps.temporal));
    res.json(task);
  });

  return router;
}
