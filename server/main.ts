import path from 'node:path';
import { existsSync } from 'node:fs';
import { Connection, Client } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { createUserStore } from '../domain/users';
import { createWorkflowStore } from '../domain/workflows';
import { createTaskStore } from '../domain/tasks';
import { ensureSearchAttributes } from '../platform/temporal-search-attributes';
import { createServerApp } from './server-app';
import { prepareStore } from './prepare-store';

function main(): void {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.logLevel, service: 'server' });
  const address = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
  const mongoUrl = config.mongoUrl ?? `mongodb://127.0.0.1:${config.storePort}/`;
  // Both connect lazily, so the server starts (and /api/health reports 503) while a dependency is down.
  const mongo = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 2000, appName: 'ledgerline-server' });
  const db = mongo.db(config.mongoDb);
  const connection = Connection.lazy({ address, connectTimeout: 2000 });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  const editorDir = path.resolve(__dirname, '..', 'editor', 'dist');
  const users = createUserStore(db);

  const app = createServerApp({
    db,
    temporal,
    users,
    namespace: config.temporalNamespace,
    taskQueue: config.temporalTaskQueue,
    log,
    health: {
      store: async () => {
        await db.command({ ping: 1 });
      },
      temporal: async () => {
        await temporal.workflowService.getSystemInfo({});
      },
    },
    editorDir: existsSync(editorDir) ? editorDir : undefined,
  });
  void prepareStore({
    db,
    users,
    indexes: [() => createWorkflowStore(db).ensureIndexes(), () => createTaskStore(db).ensureIndexes()],
    admin: { email: config.adminEmail, password: config.adminPassword },
    seedDemo: config.seedDemo,
    log,
  });
  // An external Temporal (compose) has none of the platform's search attributes until now.
  void ensureSearchAttributes(connection, config.temporalNamespace).catch((error: unknown) =>
    log.warn({ err: error }, 'could not register the search attributes yet; runs lists filter on them'),
  );

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
    server.close(() => {
      void Promise.all([mongo.close(), connection.close()]).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main();
