import { createEntityRepository, type EntityRecord, type EntityRepository } from '../../../domain/entities';
import type { TaskDocument } from '../../../domain/tasks';
import type { TriggerDispatcher } from '../../../domain/triggers';
import { roles, type Role } from '../../../server/auth/actor';
import type { RunView } from '../../../server/routes/runs';
import type { EntityType } from '../../../schemas';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { apiAs, bearer, callApi, logIn, type ApiCall, type ApiResponse } from '../../support/api-client';
import { serveApi } from '../../support/api-server';
import { eventually as pollUntil } from '../../support/eventually';
import { startDispatcher } from '../../support/trigger-dispatcher';
import { startWorkerOn } from '../../support/worker';

/** A role that takes part in processes: every role but `viewer`, which only reads. */
export type StaffRole = Exclude<Role, 'viewer'>;

/** The people of the company: one user per staff role, each with a bearer token. */
export const staff = roles.filter((role): role is StaffRole => role !== 'viewer');

export interface ProcessHarness {
  services: TestServices;
  repo: EntityRepository;
  dispatcher: TriggerDispatcher;
  /** The API server's base URL, for calls outside `/api` (`POST /hooks/:hookId`). */
  url: string;
  /** Calls the API server (real authentication) as the user of `role`. */
  as(role: StaffRole): ApiCall;
  /** Installs a shipped template through the API with `params`, publishes it, and returns its id. */
  installAndPublish(template: string, params?: Record<string, unknown>): Promise<string>;
  /**
   * Installs and publishes a template that starts on a webhook, and returns the workflow's id with
   * its hook's credentials (which only the publish answer shows).
   */
  installAndPublishHook(template: string, params?: Record<string, unknown>): Promise<PublishedHook>;
  /** Creates a record through the API as `role` (201 expected) and returns it. */
  create(role: StaffRole, type: EntityType, data: Record<string, unknown>): Promise<EntityRecord>;
  /** Patches a record through the API as `role` with its current version (200 expected). */
  patch(role: StaffRole, type: EntityType, id: string, patch: Record<string, unknown>): Promise<EntityRecord>;
  /** The one run of a workflow (started by a trigger), once it exists. */
  runOf(workflowId: string, count?: number): Promise<string>;
  /** Waits for the open task of a run's node (the `visit`-th visit) and returns it. */
  task(runId: string, nodeId: string, visit?: number): Promise<TaskDocument>;
  /** Completes a task through the API as the second holder of `role`, not the one whose writes `create` and `patch` make (200 expected). */
  complete(
    role: StaffRole,
    task: TaskDocument,
    outcome: string,
    data?: Record<string, unknown>,
  ): Promise<void>;
  /** Waits until the run is no longer running and returns `GET /api/runs/:runId`. */
  finished(runId: string): Promise<RunView>;
  /** Runs a worker in this process on the test's task queue until `stop()`. */
  startWorker(): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

/** A published webhook: `POST <url>/hooks/<hookId>` with its token starts a run. */
export interface PublishedHook {
  workflowId: string;
  hookId: string;
  token: string;
}

const password = 'process-password-123';

/**
 * The API server exactly as server/main.ts builds it, an entity-trigger dispatcher beside it and a
 * user per role, against the real store and Temporal dev server of the test setup: templates are
 * installed and published through the API, runs start from entity writes, and people complete
 * their tasks through the API with their own roles.
 */
export async function startProcessHarness(name: string): Promise<ProcessHarness> {
  const services = await connectTestServices(name);
  const server = await serveApi(services);
  const dispatcher = await startDispatcher(services);

  // Two people per role: one writes records, the other decides tasks, so an approval is never
  // decided by the person whose write requested it (segregation of duties).
  const tokens = new Map<string, string>();
  for (const role of staff) {
    for (const person of ['', '.approver']) {
      const email = `${role.toLowerCase()}${person}@company.example`;
      await server.users.createUser(
        { email, name: `${role}${person}`, password, roles: [role] },
        { userId: 'test-setup', email: 'setup@company.example' },
      );
      tokens.set(`${role}${person}`, await logIn(server.url, { email, password }));
    }
  }
  const tokenOf = (role: StaffRole) => tokens.get(role) ?? '';
  const as = (role: StaffRole): ApiCall => apiAs(server.url, tokenOf(role));
  const approverOf = (role: StaffRole): ApiCall => apiAs(server.url, tokens.get(`${role}.approver`) ?? '');

  function expectStatus(response: ApiResponse, status: number, what: string): void {
    if (response.status !== status) {
      throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
  }

  async function installAndPublish(template: string, params: Record<string, unknown>) {
    const installed = await as('designer')('POST', `/templates/${template}/install`, { params });
    expectStatus(installed, 201, `installing ${template}`);
    const workflowId = installed.body._id as string;
    // Runs act as their publisher, and the templates write across sales, finance and procurement.
    const published = await as('admin')('POST', `/workflows/${workflowId}/publish`);
    expectStatus(published, 200, `publishing ${template}`);
    return { workflowId, published };
  }

  return {
    services,
    repo: createEntityRepository(services.db),
    dispatcher,
    url: server.url,
    as,
    async installAndPublish(template, params = {}) {
      return (await installAndPublish(template, params)).workflowId;
    },
    async installAndPublishHook(template, params = {}) {
      const { workflowId, published } = await installAndPublish(template, params);
      const [hook] = (published.body.webhooks ?? []) as { hookId: string; token: string }[];
      if (hook === undefined) throw new Error(`publishing ${template} created no webhook`);
      return { workflowId, hookId: hook.hookId, token: hook.token };
    },
    async create(role, type, data) {
      const response = await as(role)('POST', `/entities/${type}`, data);
      expectStatus(response, 201, `creating ${type}`);
      return response.body as EntityRecord;
    },
    async patch(role, type, id, patch) {
      const current = await as(role)('GET', `/entities/${type}/${id}`);
      expectStatus(current, 200, `reading ${type} ${id}`);
      const response = await callApi(server.url, 'PATCH', `/entities/${type}/${id}`, patch, {
        ...bearer(tokenOf(role)),
        'content-type': 'application/merge-patch+json',
        'if-match': String(current.body.version as number),
      });
      expectStatus(response, 200, `patching ${type} ${id}`);
      return response.body as EntityRecord;
    },
    async runOf(workflowId, count = 1) {
      return eventually(async () => {
        const response = await as('admin')('GET', `/runs?workflowId=${workflowId}`);
        const items = (response.body?.items ?? []) as { runId: string; startedAt: string }[];
        if (items.length < count) return undefined;
        return [...items].sort((a, b) => a.startedAt.localeCompare(b.startedAt))[count - 1]?.runId;
      });
    },
    async task(runId, nodeId, visit = 1) {
      return eventually(async () => {
        const response = await as('admin')('GET', `/tasks?status=open&runId=${encodeURIComponent(runId)}`);
        const items = (response.body?.items ?? []) as TaskDocument[];
        return items.find((task) => task.nodeId === nodeId && task.visit === visit);
      });
    },
    async complete(role, task, outcome, data = {}) {
      // A 503 asks to try again (the run's worker did not answer in time, e.g. while it restarts); the
      // same completion is sent again, as a client would, and the API answers a repeat once.
      const response = await pollUntil(async () => {
        const answer = await approverOf(role)('POST', `/tasks/${encodeURIComponent(task._id)}/complete`, {
          outcome,
          data,
        });
        return answer.status === 503 ? undefined : answer;
      });
      expectStatus(response, 200, `completing ${task.nodeId}`);
    },
    async finished(runId) {
      return eventually(async () => {
        const response = await as('admin')('GET', `/runs/${encodeURIComponent(runId)}`);
        const run = response.body as RunView;
        return response.status === 200 && run.status !== 'running' ? run : undefined;
      });
    },
    startWorker: () => startWorkerOn(services),
    async close() {
      await dispatcher.stop();
      await server.close();
      await services.close();
    },
  };
}

/**
 * Polls until `check` returns a value other than undefined, allowing for an activity a killed
 * worker held to time out (1 minute) and run again.
 */
export function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  return pollUntil(check, timeoutMs);
}
