import type { TaskDocument } from '../../../domain/tasks';
import { createWorkflowStore } from '../../../domain/workflows';
import { createLogger } from '../../../platform/logger';
import { createApp } from '../../../server/app';
import { setActor, type Role } from '../../../server/auth/actor';
import { runRoutes } from '../../../server/routes/runs';
import { taskRoutes } from '../../../server/routes/tasks';
import { workflowRoutes, type PublicationChange } from '../../../server/routes/workflows';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { callApi, type ApiResponse } from '../../support/api-client';
import { eventually } from '../../support/eventually';

export interface RequestOptions {
  /** The caller's roles; a designer unless given. */
  as?: Role[];
  headers?: Record<string, string>;
}

export interface WorkflowApi {
  services: TestServices;
  /** Every publish, unpublish and archive the routes announced. */
  publicationChanges: PublicationChange[];
  request(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse>;
  /** Creates a workflow as a designer, publishes it as an admin, and returns its id. */
  publish(definition: object): Promise<string>;
  /** Terminates runs a test left open, so the shared dev server does not keep them. */
  terminate(runIds: string[]): Promise<void>;
  /** Waits until `GET /api/runs/:runId` shows the run in `status` and returns that answer. */
  runInStatus(runId: string, status: string): Promise<ApiResponse>;
  /** Waits for the open task of a run, as the worker stored it. */
  openTaskOf(runId: string): Promise<TaskDocument>;
  close(): Promise<void>;
}

/**
 * Serves the workflow, run and task routes over HTTP against the real store and Temporal dev server,
 * wired as server/main.ts wires them, with a test authenticator: each request picks its roles through
 * the `x-test-roles` header, and its user id is derived from them.
 */
export async function startWorkflowApi(
  name: string,
  options: { templatesDir?: string } = {},
): Promise<WorkflowApi> {
  const services = await connectTestServices(name);
  const log = createLogger({ level: 'silent', service: 'test' });
  const publicationChanges: PublicationChange[] = [];
  const deps = {
    db: services.db,
    temporal: services.temporal,
    taskQueue: services.taskQueue,
    namespace: services.namespace,
    log,
    workflows: createWorkflowStore(services.db),
  };
  const app = createApp({
    log,
    health: { store: () => Promise.resolve(), temporal: () => Promise.resolve() },
    authenticate: (req, _res, next) => {
      const roles = (req.get('x-test-roles') ?? 'designer').split(',') as Role[];
      setActor(req, {
        userId: `u-${roles.join('-')}`,
        email: `${roles.join('-')}@example.com`,
        roles,
        via: 'token',
      });
      next();
    },
    apiRouters: [
      workflowRoutes({
        ...deps,
        ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }),
        onPublicationChange: (change) => {
          publicationChanges.push(change);
          return Promise.resolve();
        },
      }),
      runRoutes(deps),
      taskRoutes(deps),
    ],
  });
  const server = await listen(app);
  const request: WorkflowApi['request'] = (method, path, body, requestOptions = {}) =>
    callApi(server.url, method, path, body, {
      ...(requestOptions.as === undefined ? {} : { 'x-test-roles': requestOptions.as.join(',') }),
      ...requestOptions.headers,
    });
  return {
    services,
    publicationChanges,
    request,
    async publish(definition) {
      const created = await request('POST', '/workflows', definition);
      const id = created.body._id as string;
      // Runs act as their publisher: an admin publishes what the designer drew.
      const published = await request('POST', `/workflows/${id}/publish`, undefined, { as: ['admin'] });
      if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
      return id;
    },
    async terminate(runIds) {
      await Promise.all(
        runIds.map((runId) =>
          services.temporal.workflow
            .getHandle(runId)
            .terminate('test cleanup')
            .catch(() => undefined),
        ),
      );
    },
    runInStatus(runId, status) {
      return eventually(async () => {
        const view = await request('GET', `/runs/${runId}`);
        return view.body.status === status ? view : undefined;
      });
    },
    openTaskOf(runId) {
      return eventually(
        async () =>
          (await services.db.collection<TaskDocument>('tasks').findOne({ runId, status: 'open' })) ??
          undefined,
      );
    },
    async close() {
      await server.close();
      await services.close();
    },
  };
}
