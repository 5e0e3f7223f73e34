import { entityTypes } from '../schemas';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { Connection, Client } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { createUserStore } from '../domain/users';
import { ensureRunStatsIndexes } from '../domain/process-analytics';
import { createWorkflowStore } from '../domain/workflows';
import { createTaskStore } from '../domain/tasks';
import { createScheduleSync } from '../domain/schedules';
import { createWebhookStore } from '../domain/webhooks';
import { createCredentialStore } from '../domain/credentials';
import { loadOrCreateSecretsKey } from '../domain/secrets';
import { createTriggerDispatcher } from '../domain/triggers';
import { backfillKeyClaims, ensureVersionLogIndexes, migrateToVersionLog } from '../domain/entities';
import { ensureSearchAttributes } from '../platform/temporal-search-attributes';
import { defaultAdmission, storePoolSize } from './http/admission';
import { createServerApp } from './server-app';
import { prepareStore } from './prepare-store';

/** How often the server brings Temporal Schedules in line with the published versions anyway. */
const scheduleReconcileIntervalMs = 5 * 60_000;

/**
 * Without SECRETS_KEY, a single-machine install keeps its key in `secrets.key` under DATA_DIR,
 * made on first start; back it up with the data, or webhook signing secrets cannot be read.
 */
function keyFromDataDir(dataDir: string, log: Logger): Buffer {
  const file = path.join(dataDir, 'secrets.key');
  const { key, created } = loadOrCreateSecretsKey(file);
  if (created) log.warn({ file }, 'SECRETS_KEY is unset: created a secrets key file; keep it with the data');
  return key;
}

function main(): void {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.logLevel, service: 'server' });
  const address = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
  const mongoUrl = config.mongoUrl ?? `mongodb://127.0.0.1:${config.storePort}/`;
  // Both connect lazily, so the server starts (and /api/health reports 503) while a dependency is down.
  const mongo = new MongoClient(mongoUrl, {
    serverSelectionTimeoutMS: 2000,
    appName: 'ledgerline-server',
    maxPoolSize: storePoolSize,
    // A request never waits long for a connection: it fails as 503 and the client retries.
    waitQueueTimeoutMS: 5_000,
  });
  const db = mongo.db(config.mongoDb);
  const connection = Connection.lazy({ address, connectTimeout: 2000 });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  const editorDir = path.resolve(__dirname, '..', 'editor', 'dist');
  const users = createUserStore(db);
  const schedules = createScheduleSync({ db, temporal, taskQueue: config.temporalTaskQueue, log });
  const secretsKey = config.secretsKey ?? keyFromDataDir(config.dataDir, log);

  // Readiness waits for first-start preparation: before the admin account exists a sign-in fails.
  const preparation = { done: false };
  const app = createServerApp({
    db,
    temporal,
    users,
    schedules,
    secretsKey,
    webhookLimits: { perHook: config.webhookRateLimit, maxBodyBytes: config.webhookMaxBodyBytes },
    // Requests past the store's connections wait briefly, then get 503 with Retry-After.
    admission: defaultAdmission,
    trustProxy: config.trustProxy,
    namespace: config.temporalNamespace,
    taskQueue: config.temporalTaskQueue,
    log,
    health: {
      prepared: () => preparation.done,
      store: async () => {
        await db.command({ ping: 1 });
      },
      temporal: async () => {
        await temporal.workflowService.getSystemInfo({});
      },
    },
    editorDir: existsSync(editorDir) ? editorDir : undefined,
    // `npm start` passes the embedded UI's address here; deployments set TEMPORAL_UI_URL.
    temporalUiUrl: config.temporalUiUrl,
  });
  const prepared = prepareStore({
    db,
    users,
    indexes: [
      () => createWorkflowStore(db).ensureIndexes(),
      () => ensureRunStatsIndexes(db),
      () => createTaskStore(db).ensureIndexes(),
      () => schedules.ensureIndexes(),
      () => createWebhookStore(db, secretsKey).ensureIndexes(),
      () => createCredentialStore(db, secretsKey).ensureIndexes(),
      () => ensureVersionLogIndexes(db),
      // Once per data directory, resumable: the former outbox layout becomes the version log.
      () =>
        migrateToVersionLog(db, log)
          // Then keys declared since a record was stored bind it too.
          .then(() => backfillKeyClaims(db, entityTypes))
          .then(() => undefined),
    ],
    admin: { email: config.adminEmail, password: config.adminPassword },
    seedDemo: config.seedDemo,
    log,
  }).then(() => {
    preparation.done = true;
    log.info('first-start preparation done; the server is ready');
  });
  // Temporal Schedules may lag the published versions after a crash between publish and sync;
  // the reconcile repeats, so a Temporal that is down at start is caught up with later.
  const reconcile = () =>
    schedules
      .reconcile()
      .then((outcomes) => {
        const failed = outcomes.filter((outcome) => outcome.failed.length > 0);
        if (failed.length > 0) log.warn({ failed }, 'schedule reconcile left failures; retrying');
      })
      .catch((error: unknown) => log.warn({ err: error }, 'schedule reconcile failed; retrying'));
  // An external Temporal (compose) has none of the platform's search attributes until now.
  const searchAttributesReady = ensureSearchAttributes(connection, config.temporalNamespace).catch(
    (error: unknown) =>
      log.warn({ err: error }, 'could not register the search attributes yet; runs lists filter on them'),
  );
  void Promise.all([prepared, searchAttributesReady]).then(reconcile);
  const reconcileTimer = setInterval(() => void reconcile(), scheduleReconcileIntervalMs);
  reconcileTimer.unref();

  // Entity-event triggers: this process's writes are dispatched as they commit, others' by the sweep.
  const dispatcher = config.triggerDispatcher
    ? createTriggerDispatcher({
        db,
        temporal,
        taskQueue: config.temporalTaskQueue,
        log: log.child({ component: 'trigger-dispatcher' }),
        maxChainDepth: config.triggerMaxChainDepth,
        sweepIntervalMs: config.triggerSweepIntervalMs,
      })
    : undefined;
  void dispatcher?.start();

  const server = app.listen(config.port, config.host, () => {
    log.info({ url: `http://${config.host}:${config.port}` }, 'API server listening');
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      log.fatal(`Port ${config.port} is already in use. Set PORT to a free port.`);
    else log.fatal({ err: error }, 'server failed');
    process.exit(1);
  });
  const shutdown = () => {
    clearInterval(reconcileTimer);
    schedules.close();
    server.close(() => {
      void Promise.resolve(dispatcher?.stop())
        .then(() => Promise.all([mongo.close(), connection.close()]))
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main();
