import { conditionFailureSummary } from '../../../domain/triggers';
import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import {
  checkForPublish,
  createWorkflowStore,
  type PublishCheck,
  type WorkflowStore,
} from '../../../domain/workflows';
import type { Logger } from '../../../platform/logger';
import { describeNodeTypes } from '../../../workflows';
import { getActor } from '../../auth/actor';
import { authorize, type WorkflowAction } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';
import { etag, parseIfMatch } from '../entities/request-guards';
import { startManualRun } from './manual-run';
import { processAnalyticsRoutes } from './process-analytics-routes';
import { defaultTemplatesDir, listTemplates, loadTemplate } from './template-catalog';
import { installDefinition } from './template-install';
import { mapped } from './workflow-errors-to-http';

/** A publish or unpublish, for whoever keeps derived state in step (Temporal Schedules, webhooks). */
export interface PublicationChange {
  workflowId: string;
  /** The version now published; undefined after an unpublish or archive. */
  publishedVersion: number | undefined;
}

/**
 * Keeps something in step with publications. What a listener returns after a publish is merged
 * into the publish response (new webhook credentials, the schedules it created), so a listener
 * names its own top-level key.
 */
export type PublicationListener = (change: PublicationChange) => Promise<Record<string, unknown> | void>;

export interface WorkflowRoutesDeps {
  db: Db;
  temporal: Client;
  /** The task queue runs are started on: the workers' queue. */
  taskQueue: string;
  namespace: string;
  log: Logger;
  /** Defaults to `createWorkflowStore(db)`. */
  workflows?: WorkflowStore;
  /** Defaults to `workflows/templates`. */
  templatesDir?: string;
  /**
   * Called after every publish, unpublish and archive, in order; a failing listener is logged and
   * the others still run, and the change stands.
   */
  onPublicationChange?: PublicationListener | readonly PublicationListener[];
  /** Publish-time checks of this deployment, applied by validate and publish. */
  publishChecks?: readonly PublishCheck[];
}

function allow(req: Request, action: WorkflowAction) {
  const actor = getActor(req);
  authorize(actor, { resource: 'workflow', action });
  return actor;
}

/** The draft in a create or replace body: a JSON object, checked against the definition schema by the store. */
function definitionBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'request body must be a workflow definition (a JSON object)', [
      { path: '', message: 'must be a JSON object with name, nodes and edges' },
    ]);
  }
  return body as Record<string, unknown>;
}

function versionParam(raw: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) {
    throw new HttpError('bad_request', 'version must be a positive integer', [
      { path: 'version', message: 'must be a positive integer' },
    ]);
  }
  return Number(raw);
}

/**
 * The workflow API (README: HTTP API) under `/api`: drafts (with `If-Match` on the draft revision), validate,
 * publish and unpublish, versions, manual runs, the node-type catalog and templates.
 *
 * @example
 * createApp({ log, health, authenticate, apiRouters: [workflowRoutes({ db, temporal, taskQueue, namespace, log })] });
 */
export function workflowRoutes(deps: WorkflowRoutesDeps): Router {
  const workflows = deps.workflows ?? createWorkflowStore(deps.db);
  const templatesDir = deps.templatesDir ?? defaultTemplatesDir;
  const router = Router();

  const listeners: readonly PublicationListener[] =
    deps.onPublicationChange === undefined
      ? []
      : typeof deps.onPublicationChange === 'function'
        ? [deps.onPublicationChange]
        : deps.onPublicationChange;

  async function notify(change: PublicationChange): Promise<Record<string, unknown>> {
    const extras: Record<string, unknown> = {};
    for (const listener of listeners) {
      try {
        Object.assign(extras, await listener(change));
      } catch (error: unknown) {
        deps.log.error({ err: error, ...change }, 'publication change hook failed');
      }
    }
    return extras;
  }

  router.use(processAnalyticsRoutes({ db: deps.db, workflows }));

  router.get('/node-types', (req, res) => {
    allow(req, 'read');
    res.json(describeNodeTypes());
  });

  router.get('/templates', async (req, res) => {
    allow(req, 'read');
    res.json(await listTemplates(templatesDir));
  });

  // Body `{params?, name?}`: params are checked against the template's params schema (defaults
  // filled in) and substituted into its definition; name overrides the workflow's name.
  router.post('/templates/:name/install', async (req, res) => {
    const actor = allow(req, 'edit');
    const template = await loadTemplate(req.params.name, templatesDir);
    if (template === undefined)
      throw new HttpError('not_found', `template ${req.params.name} does not exist`);
    const definition = installDefinition(template, req.body);
    const workflow = await mapped(() => workflows.create(definition, actor));
    res
      .status(201)
      .location(`${req.baseUrl}/workflows/${workflow._id}`)
      .set('ETag', etag(workflow.revision))
      .json(workflow);
  });

  router.get('/workflows', async (req, res) => {
    allow(req, 'read');
    res.json({ items: await workflows.list() });
  });

  router.post('/workflows', async (req, res) => {
    const actor = allow(req, 'edit');
    const workflow = await mapped(() => workflows.create(definitionBody(req.body), actor));
    res
      .status(201)
      .location(`${req.baseUrl}/workflows/${workflow._id}`)
      .set('ETag', etag(workflow.revision))
      .json(workflow);
  });

  router.get('/workflows/:id', async (req, res) => {
    allow(req, 'read');
    const workflow = await mapped(() => workflows.get(req.params.id));
    res.set('ETag', etag(workflow.revision)).json(workflow);
  });

  // Whether the workflow's trigger conditions keep failing, over the last day.
  router.get('/workflows/:id/trigger-health', async (req, res) => {
    allow(req, 'read');
    await mapped(() => workflows.get(req.params.id));
    const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
    res.json({ conditionFailures: await conditionFailureSummary(deps.db, req.params.id, since) });
  });

  router.put('/workflows/:id', async (req, res) => {
    const actor = allow(req, 'edit');
    const definition = definitionBody(req.body);
    const expected = parseIfMatch(req.get('If-Match'));
    const workflow = await mapped(() => workflows.updateDraft(req.params.id, definition, expected, actor));
    res.set('ETag', etag(workflow.revision)).json(workflow);
  });

  router.delete('/workflows/:id', async (req, res) => {
    const actor = allow(req, 'edit');
    const expected = parseIfMatch(req.get('If-Match'));
    await mapped(() => workflows.archive(req.params.id, expected, actor));
    await notify({ workflowId: req.params.id, publishedVersion: undefined });
    res.status(204).end();
  });

  // With a definition in the body, validates that (the editor's unsaved graph); else the stored draft.
  router.post('/workflows/:id/validate', async (req, res) => {
    allow(req, 'read');
    const workflow = await mapped(() => workflows.get(req.params.id));
    const body: unknown = req.body;
    const hasBody = typeof body === 'object' && body !== null && Object.keys(body).length > 0;
    const definition = hasBody ? body : workflow.draft;
    res.json(checkForPublish(definition, deps.publishChecks));
  });

  router.post('/workflows/:id/publish', async (req, res) => {
    const actor = allow(req, 'publish');
    const version = await mapped(() => workflows.publish(req.params.id, actor, deps.publishChecks));
    const extras = await notify({ workflowId: version.workflowId, publishedVersion: version.version });
    res.json({
      ...extras,
      workflowId: version.workflowId,
      version: version.version,
      publishedAt: version.publishedAt,
    });
  });

  router.post('/workflows/:id/unpublish', async (req, res) => {
    const actor = allow(req, 'publish');
    const workflow = await mapped(() => workflows.unpublish(req.params.id, actor));
    await notify({ workflowId: workflow._id, publishedVersion: undefined });
    res.json({ workflowId: workflow._id, publishedVersion: null });
  });

  router.get('/workflows/:id/versions', async (req, res) => {
    allow(req, 'read');
    res.json({ items: await mapped(() => workflows.listVersions(req.params.id)) });
  });

  router.get('/workflows/:id/versions/:version', async (req, res) => {
    allow(req, 'read');
    const version = versionParam(req.params.version);
    res.json(await mapped(() => workflows.getVersion(req.params.id, version)));
  });

  router.post('/workflows/:id/runs', async (req, res) => {
    const actor = allow(req, 'run');
    const started = await mapped(() =>
      startManualRun(
        { workflows, temporal: deps.temporal, taskQueue: deps.taskQueue },
        req.params.id,
        req.body,
        actor,
      ),
    );
    res.status(201).location(`${req.baseUrl}/runs/${started.runId}`).json(started);
  });

  return router;
}
