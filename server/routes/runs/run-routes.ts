import { Router, type Request } from 'express';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Db } from 'mongodb';
import { runSearchAttributes } from '../../../domain/workflows';
import type { Logger } from '../../../platform/logger';
import { runWorkflowType } from '../../../workflows/runtime/run-contract';
import { getActor } from '../../auth/actor';
import { authorize, type WorkflowAction } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';
import { isRunStatus, runStatuses, runStatusOf, statusClause, type RunStatus } from './run-status';
import { cancelRun } from './cancel-run';
import { viewRun } from './run-view';

export interface RunRoutesDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  log: Logger;
  /** The Temporal Web UI's base URL, for each run's `temporalUrl`; unset leaves the links out. */
  temporalUiUrl?: string;
}

const maxListLimit = 200;
// Ids go into a visibility query between double quotes, so only plain characters are accepted.
const workflowIdPattern = /^[A-Za-z0-9_.:-]{1,200}$/;

interface RunListQuery {
  workflowId?: string;
  status?: RunStatus;
  limit: number;
}

function allow(req: Request, action: WorkflowAction): void {
  authorize(getActor(req), { resource: 'workflow', action });
}

function single(query: Request['query'], name: string): string | undefined {
  const value = query[name];
  // `?status=` from a form with nothing chosen means no filter.
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new HttpError('bad_request', `${name} must be given once`, [
      { path: name, message: 'must be a single value' },
    ]);
  }
  return value;
}

function parseListQuery(query: Request['query']): RunListQuery {
  const workflowId = single(query, 'workflowId');
  const status = single(query, 'status');
  const limit = single(query, 'limit');
  const details = [];
  if (workflowId !== undefined && !workflowIdPattern.test(workflowId)) {
    details.push({ path: 'workflowId', message: 'must be a workflow id' });
  }
  if (status !== undefined && !isRunStatus(status)) {
    details.push({ path: 'status', message: `must be one of: ${runStatuses.join(', ')}` });
  }
  if (
    limit !== undefined &&
    !(/^[0-9]{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= maxListLimit)
  ) {
    details.push({ path: 'limit', message: `must be an integer from 1 to ${maxListLimit}` });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid run list parameters', details);
  return {
    ...(workflowId === undefined ? {} : { workflowId }),
    ...(status === undefined ? {} : { status: status as RunStatus }),
    limit: limit === undefined ? 50 : Number(limit),
  };
}

function summary(info: WorkflowExecutionInfo) {
  const attributes = info.typedSearchAttributes;
  return {
    runId: info.workflowId,
    workflowId: attributes.get(runSearchAttributes.workflowId) ?? null,
    version: attributes.get(runSearchAttributes.version) ?? null,
    trigger: attributes.get(runSearchAttributes.trigger) ?? null,
    status: runStatusOf(info.status.name),
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString() ?? null,
  };
}

/**
 * The runs API of SPEC §7 under `/api`: the list (Temporal visibility, newest first), one run with its
 * trace and outcome, and cancel. A run is a Temporal execution of `interpretedWorkflow`; its runId
 * is the execution's workflow id.
 *
 * @example
 * createApp({ log, health, authenticate, apiRouters: [runRoutes({ db, temporal, taskQueue, namespace, log })] });
 */
export function runRoutes(deps: RunRoutesDeps): Router {
  const router = Router();

  router.get('/runs', async (req, res) => {
    allow(req, 'read');
    const query = parseListQuery(req.query);
    const clauses = [`WorkflowType = "${runWorkflowType}"`];
    if (query.workflowId !== undefined) clauses.push(`LedgerlineWorkflowId = "${query.workflowId}"`);
    if (query.status !== undefined) clauses.push(statusClause(query.status));
    const items = [];
    // A run that continued as new is listed once, by its newest execution.
    const seen = new Set<string>();
    for await (const info of deps.temporal.workflow.list({
      query: clauses.join(' AND '),
      pageSize: query.limit,
    })) {
      if (seen.has(info.workflowId)) continue;
      seen.add(info.workflowId);
      items.push(summary(info));
      if (items.length >= query.limit) break;
    }
    res.json({ items });
  });

  router.get('/runs/:runId', async (req, res) => {
    allow(req, 'read');
    res.json(
      await viewRun(deps.temporal, req.params.runId, {
        uiUrl: deps.temporalUiUrl,
        namespace: deps.namespace,
      }),
    );
  });

  router.post('/runs/:runId/cancel', async (req, res) => {
    allow(req, 'run');
    const actor = getActor(req);
    const mode = await cancelRun(deps, req.params.runId, actor.email);
    deps.log.info({ runId: req.params.runId, userId: actor.userId, mode }, 'run cancel requested');
    res.status(202).json({ runId: req.params.runId, status: mode });
  });

  return router;
}
