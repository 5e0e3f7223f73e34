import { createUserStore, ensureAdmin } from '../../../domain/users';
import { createScheduleSync, type ScheduleSync } from '../../../domain/schedules';
import { createLogger } from '../../../platform/logger';
import { createServerApp, type ServerAppDeps } from '../../../server/server-app';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';

export interface ApiResponse {
  status: number;
  // Tests read response bodies loosely; the assertions say what they must hold.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface TriggerApp {
  services: TestServices;
  schedules: ScheduleSync;
  url: string;
  /** An /api call as the admin, with a bearer token from a real login. */
  api(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  close(): Promise<void>;
}

const adminPassword = 'admin-password-123';

/**
 * The whole API server as `server/main.ts` wires it (`createServerApp`), over the real store and
 * Temporal dev server, served on a free port, with an admin logged in through the real auth.
 */
export async function startTriggerApp(
  name: string,
  options: Partial<ServerAppDeps> = {},
): Promise<TriggerApp> {
  const services = await connectTestServices(name);
  const log = createLogger({ level: 'silent', service: 'test' });
  const users = createUserStore(services.db);
  await users.ensureIndexes();
  await ensureAdmin(users, { email: 'admin@example.com', password: adminPassword });
  const schedules = createScheduleSync({
    db: services.db,
    temporal: services.temporal,
    taskQueue: services.taskQueue,
    log,
  });
  await schedules.ensureIndexes();
  const server = await listen(
    createServerApp({
      db: services.db,
      temporal: services.temporal,
      users,
      schedules,
      namespace: services.namespace,
      taskQueue: services.taskQueue,
      log,
      health: { store: async () => {}, temporal: async () => {} },
      ...options,
    }),
  );
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: adminPassword }),
  });
  const token = ((await login.json()) as { token: string }).token;
  return {
    services,
    schedules,
    url: server.url,
    async api(method, path, body) {
      const response = await fetch(`${server.url}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
      };
    },
    async close() {
      schedules.close();
      await server.close();
      await services.close();
    },
  };
}

/** Creates a workflow from `definition` and publishes it; returns its id and the publish response. */
export async function createPublished(
  app: TriggerApp,
  definition: object,
): Promise<{ workflowId: string; published: ApiResponse }> {
  const created = await app.api('POST', '/workflows', definition);
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const workflowId = created.body._id as string;
  return { workflowId, published: await app.api('POST', `/workflows/${workflowId}/publish`) };
}
