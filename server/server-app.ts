import type { Express } from 'express';
import type { Db } from 'mongodb';
import type { Client } from '@temporalio/client';
import type { Logger } from '../platform/logger';
import { createUserStore, type UserStore } from '../domain/users';
import { createScheduleSync, scheduleTriggerErrors, type ScheduleSync } from '../domain/schedules';
import { createWorkflowStore } from '../domain/workflows';
import { createApp } from './app';
import { authRoutes, createAuthenticate, sessionRoutes, tokenRoutes, userRoutes } from './auth';
import { openApiRoutes } from './openapi';
import { entityRoutes } from './routes/entities';
import { mailboxRoutes } from './routes/mailbox/mailbox-routes';
import { runRoutes } from './routes/runs';
import { schedulePublicationListener, scheduleRoutes } from './routes/schedules';
import { taskRoutes } from './routes/tasks';
import { workflowRoutes } from './routes/workflows';
import type { HealthChecks } from './routes/health';

export interface ServerAppDeps {
  db: Db;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  log: Logger;
  health: HealthChecks;
  users?: UserStore;
  editorDir?: string;
  /** Keeps Temporal Schedules in step with publications; `main.ts` also reconciles with it. */
  schedules?: ScheduleSync;
}

/**
 * The whole API server as a value, every route wired: `server/main.ts` listens with it; the
 * browser tests and the benchmark run it in-process against the real services.
 */
export function createServerApp(deps: ServerAppDeps): Express {
  const users = deps.users ?? createUserStore(deps.db);
  const workflows = createWorkflowStore(deps.db);
  const engine = {
    db: deps.db,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    namespace: deps.namespace,
    log: deps.log,
    workflows,
  };
  const schedules = deps.schedules ?? createScheduleSync(engine);
  return createApp({
    log: deps.log,
    health: deps.health,
    editorDir: deps.editorDir,
    publicApiRouters: [authRoutes({ users, log: deps.log })],
    authenticate: createAuthenticate({ users }),
    apiRouters: [
      openApiRoutes(),
      sessionRoutes({ users }),
      userRoutes({ users }),
      tokenRoutes({ users }),
      entityRoutes({ db: deps.db }),
      workflowRoutes({
        ...engine,
        onPublicationChange: [schedulePublicationListener(schedules)],
        publishChecks: [scheduleTriggerErrors],
      }),
      scheduleRoutes({ temporal: deps.temporal, schedules, workflows }),
      runRoutes(engine),
      taskRoutes(engine),
      mailboxRoutes({ db: deps.db }),
    ],
  });
}
