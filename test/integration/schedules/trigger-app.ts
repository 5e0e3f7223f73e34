import { createScheduleSync, type ScheduleSync } from '../../../domain/schedules';
import { createLogger } from '../../../platform/logger';
import type { ServerAppDeps } from '../../../server/server-app';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { apiAs, logIn, type ApiCall, type ApiResponse } from '../../support/api-client';
import { serveApi } from '../../support/api-server';

export interface TriggerApp {
  services: TestServices;
  schedules: ScheduleSync;
  url: string;
  /** An /api call as the admin, with a bearer token from a real login. */
  api: ApiCall;
  close(): Promise<void>;
}

const admin = { email: 'admin@example.com', password: 'admin-password-123' };

/**
 * The whole API server as `server/main.ts` wires it (`createServerApp`), over the real store and
 * Temporal dev server, served on a free port, with an admin logged in through the real auth.
 */
export async function startTriggerApp(
  name: string,
  options: Partial<ServerAppDeps> = {},
): Promise<TriggerApp> {
  const services = await connectTestServices(name);
  const schedules = createScheduleSync({
    db: services.db,
    temporal: services.temporal,
    taskQueue: services.taskQueue,
    log: createLogger({ level: 'silent', service: 'test' }),
  });
  await schedules.ensureIndexes();
  const server = await serveApi(services, { admin, app: { schedules, ...options } });
  return {
    services,
    schedules,
    url: server.url,
    api: apiAs(server.url, await logIn(server.url, admin)),
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
