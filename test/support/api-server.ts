import type { Express } from 'express';
import { createUserStore, ensureAdmin, type UserStore } from '../../domain/users';
import { createLogger, type Logger } from '../../platform/logger';
import { createServerApp, type ServerAppDeps } from '../../server/server-app';
import { listen } from '../setup/listen';
import type { Credentials } from './api-client';

/** The store, Temporal client, namespace and task queue an API server runs against. */
export type ApiTarget = Pick<ServerAppDeps, 'db' | 'temporal' | 'namespace' | 'taskQueue'>;

/** An API server listening on a free loopback port. */
export interface ServedApi {
  url: string;
  /** The server's user store, for the accounts a test signs in with. */
  users: UserStore;
  /** The server's silent logger, for what a test runs beside it. */
  log: Logger;
  close(): Promise<void>;
}

/**
 * The whole API server as `server/main.ts` builds it (`createServerApp`) over the real store and
 * Temporal, with health checks that pass and a silent logger. `admin` is created as `main.ts`
 * creates the first admin; `app` overrides server deps; `wrap` serves the app mounted in another
 * (a benchmark's baseline route beside it).
 *
 * @example
 * const api = await serveApi(services, { admin: { email: 'admin@example.com', password } });
 * const token = await logIn(api.url, { email: 'admin@example.com', password });
 */
export async function serveApi(
  target: ApiTarget,
  options: { admin?: Credentials; app?: Partial<ServerAppDeps>; wrap?: (app: Express) => Express } = {},
): Promise<ServedApi> {
  const log = createLogger({ level: 'silent', service: 'test' });
  const users = createUserStore(target.db);
  await users.ensureIndexes();
  if (options.admin !== undefined) await ensureAdmin(users, options.admin);
  const app = createServerApp({
    db: target.db,
    temporal: target.temporal,
    namespace: target.namespace,
    taskQueue: target.taskQueue,
    users,
    log,
    health: { store: () => Promise.resolve(), temporal: () => Promise.resolve() },
    ...options.app,
  });
  const server = await listen(options.wrap === undefined ? app : options.wrap(app));
  return { url: server.url, users, log, close: server.close };
}
