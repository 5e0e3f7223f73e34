import { auditRoutes } from './routes/audit/audit-routes';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { Db } from 'mongodb';
import type { Client } from '@temporalio/client';
import type { Logger } from '../platform/logger';
import { createUserStore, type UserStore } from '../domain/users';
import { createScheduleSync, scheduleTriggerErrors, type ScheduleSync } from '../domain/schedules';
import { announceTriggerChange } from '../domain/triggers';
import { createAlertSubscriptionStore } from '../domain/alerts';
import { createReportStore } from '../domain/reports';
import { createCredentialStore } from '../domain/credentials';
import { createWebhookStore } from '../domain/webhooks';
import { createWorkflowStore, designerSchemaErrors } from '../domain/workflows';
import type { AdmissionOptions } from './http/admission';
import { createApp } from './app';
import { registerOperationalMetrics } from './http/operational-metrics';
import { authRoutes, createAuthenticate, sessionRoutes, tokenRoutes, userRoutes } from './auth';
import { openApiRoutes } from './openapi';
import { alertRoutes } from './routes/alerts/alert-routes';
import { credentialRoutes, credentialsOpenApi } from './routes/credentials';
import { dashboardRoutes, dashboardsOpenApi } from './routes/dashboards';
import { entityRoutes } from './routes/entities';
import { mailboxRoutes } from './routes/mailbox/mailbox-routes';
import {
  hookRoutes,
  webhookAdminRoutes,
  webhookPublicationListener,
  webhooksOpenApi,
  type WebhookLimits,
} from './routes/hooks';
import { reportRoutes, reportsOpenApi } from './routes/reports';
import { runRoutes } from './routes/runs';
import { schedulePublicationListener, scheduleRoutes, schedulesOpenApi } from './routes/schedules';
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
  /**
   * The AES-256 key webhook signing secrets and credentials are sealed with; `main.ts` passes SECRETS_KEY or the
   * data directory's key file. Without one, a key of this process alone is used: signing secrets
   * then do not survive a restart (in-process test and benchmark apps only).
   */
  secretsKey?: Buffer;
  /** Per-hook rate limit and body size limit of `POST /hooks/:hookId`. */
  webhookLimits?: WebhookLimits;
  /** The Temporal Web UI's base URL, for the run viewer's links; unset leaves them out. */
  temporalUiUrl?: string;
  /** Where the template gallery reads templates; defaults to `workflows/templates`. */
  templatesDir?: string;
  /** Bounds on concurrent API requests (see `admission`); `main.ts` sizes them to the store pool. */
  admission?: AdmissionOptions;
  /** Express `trust proxy` (`TRUST_PROXY`); default false. */
  trustProxy?: false | number | string;
}

const defaultWebhookLimits: WebhookLimits = { perHook: 600, maxBodyBytes: 1_048_576 };

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
  const secretsKey = deps.secretsKey ?? randomBytes(32);
  const webhooks = createWebhookStore(deps.db, secretsKey);
  const credentials = createCredentialStore(deps.db, secretsKey);
  return createApp({
    log: deps.log,
    health: deps.health,
    ...(deps.admission === undefined ? {} : { admission: deps.admission }),
    ...(deps.trustProxy === undefined ? {} : { trustProxy: deps.trustProxy }),
    editorDir: deps.editorDir,
    registerMetrics: (registry) => registerOperationalMetrics(registry, deps.db),
    publicApiRouters: [authRoutes({ users, log: deps.log })],
    authenticate: createAuthenticate({ users }),
    apiRouters: [
      openApiRoutes({
        extensions: [
          schedulesOpenApi,
          webhooksOpenApi,
          credentialsOpenApi,
          dashboardsOpenApi,
          reportsOpenApi,
        ],
      }),
      sessionRoutes({ users }),
      userRoutes({ users }),
      tokenRoutes({ users }),
      entityRoutes({ db: deps.db }),
      auditRoutes({ db: deps.db }),
      workflowRoutes({
        ...engine,
        ...(deps.templatesDir === undefined ? {} : { templatesDir: deps.templatesDir }),
        // Entity-trigger dispatchers (here and in other processes) reload the published triggers.
        onPublicationChange: [
          () => announceTriggerChange(deps.db),
          schedulePublicationListener(schedules),
          webhookPublicationListener(webhooks, workflows),
        ],
        publishChecks: [scheduleTriggerErrors, designerSchemaErrors],
      }),
      scheduleRoutes({ temporal: deps.temporal, schedules, workflows }),
      webhookAdminRoutes({ db: deps.db, webhooks, workflows }),
      runRoutes({ ...engine, temporalUiUrl: deps.temporalUiUrl }),
      taskRoutes(engine),
      mailboxRoutes({ db: deps.db }),
      dashboardRoutes({ db: deps.db, temporal: deps.temporal }),
      reportRoutes({ db: deps.db, reports: createReportStore(deps.db) }),
      credentialRoutes({ db: deps.db, credentials }),
      alertRoutes({
        db: deps.db,
        temporal: deps.temporal,
        taskQueue: deps.taskQueue,
        subscriptions: createAlertSubscriptionStore(deps.db),
      }),
    ],
    rootRouters: [
      hookRoutes({
        temporal: deps.temporal,
        taskQueue: deps.taskQueue,
        webhooks,
        workflows,
        limits: deps.webhookLimits ?? defaultWebhookLimits,
        log: deps.log,
      }),
    ],
  });
}
