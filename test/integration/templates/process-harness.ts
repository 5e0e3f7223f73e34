import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createEntityRepository, type EntityRecord, type EntityRepository } from '../../../domain/entities';
import { createTriggerDispatcher, type TriggerDispatcher } from '../../../domain/triggers';
import { createUserStore } from '../../../domain/users';
import { createLogger } from '../../../platform/logger';
import type { Role } from '../../../server/auth/actor';
import { createServerApp } from '../../../server/server-app';
import type { EntityType } from '../../../schemas';
import { createWorker } from '../../../worker/create-worker';
import { loadWorkflowBundle } from '../../../worker/workflow-bundle';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';

export interface ApiResponse {
  status: number;
  // Tests read response bodies loosely; the assertions say what they must hold.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A task of the inbox, as `GET /api/tasks` returns it. */
export interface InboxTask {
  _id: string;
  runId: string;
  nodeId: string;
  visit: number;
  kind: 'approval' | 'task';
  assigneeRole: string;
  title: string;
  description?: string;
  status: string;
  escalatedTo?: string;
  related?: { entityType: string; id: string };
}

/** `GET /api/runs/:runId`, read loosely: tests assert what it must hold. */
export interface RunBody {
  status: string;
  result?: unknown;
  error?: unknown;
  trace: unknown[];
}

/** The people of the company: one user per role, each with a bearer token. */
export const staff = [
  'admin',
  'designer',
  'sales',
  'salesManager',
  'finance',
  'procurement',
  'support',
  'supportLead',
] as const satisfies readonly Role[];
export type StaffRole = (typeof staff)[number];

export interface ProcessHarness {
  services: TestServices;
  repo: EntityRepository;
  dispatcher: TriggerDispatcher;
  /** Calls the API server (real authentication) as the user of `role`. */
  as(role: StaffRole): (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  /** Installs a shipped template through the API with `params`, publishes it, and returns its id. */
  installAndPublish(template: string, params?: Record<string, unknown>): Promise<string>;
  /** Creates a record through the API as `role` (201 expected) and returns it. */
  create(role: StaffRole, type: EntityType, data: Record<string, unknown>): Promise<EntityRecord>;
  /** Patches a record through the API as `role` with its current version (200 expected). */
  patch(role: StaffRole, type: EntityType, id: string, patch: Record<string, unknown>): Promise<EntityRecord>;
  /** The one run of a workflow (started by a trigger), once it exists. */
  runOf(workflowId: string, count?: number): Promise<string>;
  /** Waits for the open task of a run's node (the `visit`-th visit) and returns it. */
  task(runId: string, nodeId: string, visit?: number): Promise<InboxTask>;
  /** Completes a task through the API as `role` (200 expected). */
  complete(role: StaffRole, task: InboxTask, outcome: string, data?: Record<string, unknown>): Promise<void>;
  /** Waits until the run is no longer running and returns `GET /api/runs/:runId`. */
  finished(runId: string): Promise<RunBody>;
  /** Runs a worker in this process on the test's task queue until `stop()`. */
  startWorker(): Promise<{ stop(): Promise<void> }>;
  /** Runs a worker in a child process (see crash-worker.ts), ready to be SIGKILLed. */
  spawnWorker(): Promise<ChildProcess>;
  close(): Promise<void>;
}

const password = 'process-password-123';
const root = path.resolve(__dirname, '../../..');

/**
 * The API server exactly as server/main.ts builds it, an entity-trigger dispatcher beside it and a
 * user per role, against the real store and Temporal dev server of the test setup: templates are
 * installed and published through the API, runs start from entity writes, and people complete
 * their tasks through the API with their own roles.
 */
export async function startProcessHarness(name: string): Promise<ProcessHarness> {
  const services = await connectTestServices(name);
  const log = createLogger({ level: 'silent', service: 'test' });
  const users = createUserStore(services.db);
  await users.ensureIndexes();
  const app = createServerApp({
    db: services.db,
    temporal: services.temporal,
    users,
    namespace: services.namespace,
    taskQueue: services.taskQueue,
    log,
    health: { store: () => Promise.resolve(), temporal: () => Promise.resolve() },
  });
  const server = await listen(app);
  const dispatcher = createTriggerDispatcher({
    db: services.db,
    temporal: services.temporal,
    taskQueue: services.taskQueue,
    log,
    maxChainDepth: 8,
    sweepIntervalMs: 500,
  });
  await dispatcher.start();

  const tokens = new Map<StaffRole, string>();
  for (const role of staff) {
    const email = `${role.toLowerCase()}@company.example`;
    await users.createUser(
      { email, name: role, password, roles: [role] },
      { userId: 'test-setup', email: 'setup@company.example' },
    );
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    tokens.set(role, ((await login.json()) as { token: string }).token);
  }

  const as =
    (role: StaffRole) =>
    async (method: string, url: string, body?: unknown): Promise<ApiResponse> => {
      const response = await fetch(`${server.url}/api${url}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(role) ?? ''}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    };

  function expectStatus(response: ApiResponse, status: number, what: string): void {
    if (response.status !== status) {
      throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
  }

  const harness: ProcessHarness = {
    services,
    repo: createEntityRepository(services.db),
    dispatcher,
    as,
    async installAndPublish(template, params = {}) {
      const installed = await as('designer')('POST', `/templates/${template}/install`, { params });
      expectStatus(installed, 201, `installing ${template}`);
      const id = installed.body._id as string;
      expectStatus(await as('designer')('POST', `/workflows/${id}/publish`), 200, `publishing ${template}`);
      return id;
    },
    async create(role, type, data) {
      const response = await as(role)('POST', `/entities/${type}`, data);
      expectStatus(response, 201, `creating ${type}`);
      return response.body as EntityRecord;
    },
    async patch(role, type, id, patch) {
      const current = await as(role)('GET', `/entities/${type}/${id}`);
      expectStatus(current, 200, `reading ${type} ${id}`);
      const response = await fetchPatch(role, type, id, patch, current.body.version as number);
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
        const items = (response.body?.items ?? []) as InboxTask[];
        return items.find((task) => task.nodeId === nodeId && task.visit === visit);
      });
    },
    async complete(role, task, outcome, data = {}) {
      const response = await as(role)('POST', `/tasks/${encodeURIComponent(task._id)}/complete`, {
        outcome,
        data,
      });
      expectStatus(response, 200, `completing ${task.nodeId}`);
    },
    async finished(runId) {
      return eventually(async () => {
        const response = await as('admin')('GET', `/runs/${encodeURIComponent(runId)}`);
        const run = response.body as RunBody;
        return response.status === 200 && run.status !== 'running' ? run : undefined;
      });
    },
    async startWorker() {
      const connection = await NativeConnection.connect({ address: services.temporalAddress });
      const worker: Worker = await createWorker({
        connection,
        namespace: services.namespace,
        taskQueue: services.taskQueue,
        db: services.db,
        bundle: await loadWorkflowBundle(),
      });
      const running = worker.run();
      return {
        async stop() {
          worker.shutdown();
          await running;
          await connection.close();
        },
      };
    },
    spawnWorker() {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(root, 'test/integration/engine/crash-worker.ts'),
          services.mongoUrl,
          services.db.databaseName,
          services.temporalAddress,
          services.namespace,
          services.taskQueue,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      return new Promise((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve(child);
        });
        child.on('exit', (code) => reject(new Error(`worker exited early with ${String(code)}`)));
      });
    },
    async close() {
      await dispatcher.stop();
      await server.close();
      await services.close();
    },
  };

  async function fetchPatch(role: StaffRole, type: EntityType, id: string, patch: unknown, version: number) {
    const response = await fetch(`${server.url}/api/entities/${type}/${id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${tokens.get(role) ?? ''}`,
        'content-type': 'application/merge-patch+json',
        'if-match': String(version),
      },
      body: JSON.stringify(patch),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  return harness;
}

/** SIGKILLs a child worker and waits for it to be gone. */
export async function killWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Polls until `check` returns a value other than undefined (real services: no fixed sleeps). The
 * default allows for an activity a killed worker held to time out (1 minute) and run again.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
