import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { WorkflowStore } from '../../../domain/workflows';
import type { Logger } from '../../../platform/logger';
import { getActor } from '../../auth/actor';
import { authorize, can, type WorkflowAction } from '../../auth/permissions';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { mapped } from '../workflows/workflow-errors-to-http';
import { forEachRun, readBulkSelection, selectedRunIds } from './bulk-actions';
import { cancelRun } from './cancel-run';
import { listIncidents, readIncidentQuery } from './incidents';
import { restartRun } from './restart-run';
import { retryRun, type RetryVersion } from './retry-run';
import { auditRunAction } from './run-audit';
import { readRunFilter, singleParam } from './run-filter';
import { countRuns, listRuns } from './run-list';
import { recordRoutes } from './record-runs';
import { resolveRunId, resolveRunIdParam } from './run-id';
import { readStartInput } from './run-start-input';
import { viewRun } from './run-view';

export interface RunRoutesDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  log: Logger;
  /** Retries read the version a run ran, or the published one, from here. */
  workflows: WorkflowStore;
  /** The Temporal Web UI's base URL, for each run's `temporalUrl`; unset leaves the links out. */
  temporalUiUrl?: string;
}

const maxListLimit = 200;

function allow(req: Request, action: WorkflowAction): void {
  authorize(getActor(req), { resource: 'workflow', action });
}

/**
 * `run` lets a user cancel or retry the runs they started by hand; a run someone else started, or a
 * trigger, needs `operate`. A 403 says which.
 */
async function allowOnRun(req: Request, temporal: Client, runId: string): Promise<void> {
  const actor = getActor(req);
  authorize(actor, { resource: 'workflow', action: 'run' });
  if (can(actor, { resource: 'workflow', action: 'operate' })) return;
  const started = await readStartInput(temporal, runId);
  const trigger = started?.trigger as { event?: unknown; startedBy?: { userId?: unknown } } | undefined;
  if (trigger?.event === 'manual' && trigger.startedBy?.userId === actor.userId) return;
  const by = trigger?.event === 'manual' ? 'another user' : 'a trigger';
  throw new HttpError(
    'forbidden',
    `Your roles (${actor.roles.join(', ')}) may cancel or retry only the runs you started; run ${runId} was started by ${by}, which needs operate on workflows`,
  );
}

function parseListQuery(query: Request['query']) {
  const details: ErrorDetail[] = [];
  const filter = readRunFilter(query, details);
  const limit = singleParam(query, 'limit', details);
  const cursor = singleParam(query, 'cursor', details);
  if (
    limit !== undefined &&
    !(/^[0-9]{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= maxListLimit)
  ) {
    details.push({ path: 'limit', message: `must be an integer from 1 to ${maxListLimit}` });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid run list parameters', details);
  return {
    filter,
    limit: limit === undefined ? 50 : Number(limit),
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/** `{version?: 'same' | 'latest'}` of a retry; `same` unless given. */
function readRetryVersion(body: unknown): RetryVersion {
  const version = (body as { version?: unknown } | undefined)?.version;
  if (version === undefined) return 'same';
  if (version === 'same' || version === 'latest') return version;
  throw new HttpError('bad_request', 'invalid retry', [
    { path: 'version', message: 'must be same or latest' },
  ]);
}

function readRestart(body: unknown): { nodeId?: string } {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'request body must be a JSON object', [
      { path: '', message: 'must be {"nodeId"?: string}' },
    ]);
  }
  const details: ErrorDetail[] = Object.keys(body)
    .filter((key) => key !== 'nodeId')
    .map((key) => ({ path: key, message: 'is not an allowed property' }));
  const { nodeId } = body as { nodeId?: unknown };
  if (nodeId !== undefined && (typeof nodeId !== 'string' || !/^[A-Za-z0-9_.-]{1,200}$/.test(nodeId))) {
    details.push({ path: 'nodeId', message: 'must be a node id' });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid restart', details);
  return nodeId === undefined ? {} : { nodeId: nodeId as string };
}

/**
 * The runs API under `/api`: the list across workflows (Temporal visibility, newest first, filtered,
 * paged by cursor) and its counts per status, incidents, one run with its trace, outcome and the
 * records it wrote, and the recovery actions (retry, restart from a node, cancel, in bulk too), each
 * audited. A run is a Temporal execution of `interpretedWorkflow`; its runId is the workflow id.
 *
 * @example
 * createApp({ log, health, authenticate, apiRouters: [runRoutes({ db, temporal, taskQueue, namespace, log, workflows })] });
 */
export function runRoutes(deps: RunRoutesDeps): Router {
  const router = Router();
  resolveRunIdParam(router, deps.temporal);

  router.get('/runs', async (req, res) => {
    allow(req, 'read');
    const query = parseListQuery(req.query);
    res.json(await listRuns(deps.temporal, query.filter, query));
  });

  router.get('/runs/counts', async (req, res) => {
    allow(req, 'read');
    const details: ErrorDetail[] = [];
    const filter = readRunFilter(req.query, details);
    if (details.length > 0) throw new HttpError('bad_request', 'invalid run filter', details);
    res.json(await countRuns(deps.temporal, filter));
  });

  router.get('/runs/incidents', async (req, res) => {
    allow(req, 'read');
    res.json(await listIncidents(deps.temporal, readIncidentQuery(req.query)));
  });

  router.post('/runs/bulk/retry', async (req, res) => {
    allow(req, 'operate');
    const actor = getActor(req);
    const selection = readBulkSelection(req.body, ['version']);
    const version = readRetryVersion(req.body);
    const runIds = await selectedRunIds(deps.temporal, selection);
    const results = await forEachRun(runIds, async (runId) => {
      const outcome = await retryRun(deps, runId, version);
      await auditRunAction(deps.db, actor, 'run.retried', runId, { retryRunId: { to: outcome.retryRunId } });
      return { retryRunId: outcome.retryRunId };
    });
    deps.log.info({ userId: actor.userId, runs: runIds.length }, 'bulk retry');
    res.json({ results });
  });

  router.post('/runs/bulk/cancel', async (req, res) => {
    allow(req, 'operate');
    const actor = getActor(req);
    const selection = readBulkSelection(req.body);
    // A filter cancels the open runs it selects; closed ones have nothing to cancel.
    const runIds = await selectedRunIds(
      deps.temporal,
      'filter' in selection ? { filter: { ...selection.filter, status: 'running' } } : selection,
    );
    const results = await forEachRun(runIds, async (runId) => {
      const mode = await cancelRun(deps, runId, actor.email);
      await auditRunAction(deps.db, actor, 'run.cancelled', runId, { status: { to: mode } });
      return { status: mode };
    });
    deps.log.info({ userId: actor.userId, runs: runIds.length }, 'bulk cancel');
    res.json({ results });
  });

  router.get('/runs/:runId', async (req, res) => {
    allow(req, 'read');
    res.json(
      await viewRun(deps.db, deps.temporal, req.params.runId, {
        uiUrl: deps.temporalUiUrl,
        namespace: deps.namespace,
      }),
    );
  });

  router.post('/runs/:runId/cancel', async (req, res) => {
    await allowOnRun(req, deps.temporal, req.params.runId);
    const actor = getActor(req);
    const mode = await cancelRun(deps, req.params.runId, actor.email);
    await auditRunAction(deps.db, actor, 'run.cancelled', req.params.runId, { status: { to: mode } });
    deps.log.info({ runId: req.params.runId, userId: actor.userId, mode }, 'run cancel requested');
    res.status(202).json({ runId: req.params.runId, status: mode });
  });

  router.post('/runs/:runId/retry', async (req, res) => {
    await allowOnRun(req, deps.temporal, req.params.runId);
    const actor = getActor(req);
    const version = readRetryVersion(req.body);
    const outcome = await mapped(() => retryRun(deps, req.params.runId, version));
    await auditRunAction(deps.db, actor, 'run.retried', outcome.runId, {
      retryRunId: { to: outcome.retryRunId },
      version: { to: outcome.version },
    });
    deps.log.info({ ...outcome, userId: actor.userId }, 'run retried');
    res.status(201).location(`/api/runs/${outcome.retryRunId}`).json(outcome);
  });

  router.post('/runs/:runId/restart', async (req, res) => {
    allow(req, 'operate');
    const actor = getActor(req);
    const outcome = await restartRun(deps.temporal, req.params.runId, {
      ...readRestart(req.body),
      reason: `restarted by ${actor.email}`,
    });
    await auditRunAction(deps.db, actor, 'run.restarted', outcome.runId, {
      nodeId: { to: outcome.nodeId },
      executionRunId: { to: outcome.executionRunId },
    });
    deps.log.info({ ...outcome, userId: actor.userId }, 'run restarted from a node');
    res.status(202).json(outcome);
  });

  router.use(recordRoutes(deps));

  // A child run from before child run ids were URL-safe, its id written into the path unencoded
  // (`/runs/run-5f3e/order/1`): the segments are the id.
  router.get('/runs/*segments', async (req, res) => {
    allow(req, 'read');
    const segments = (req.params as Record<string, string[]>).segments ?? [];
    const runId = await resolveRunId(deps.temporal, segments.join('/'));
    res.json(
      await viewRun(deps.db, deps.temporal, runId, { uiUrl: deps.temporalUiUrl, namespace: deps.namespace }),
    );
  });

  return router;
}
