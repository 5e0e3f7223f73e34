import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import path from 'node:path';
import { readKeyFile, SecretBoxError } from '../domain/secrets';
import { createTriggerDispatcher, type TriggerDispatcher } from '../domain/triggers';
import { loadConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { connectStore } from '../platform/mongo';
import { parseAllowlist } from './activities/ssrf-guard';
import { createWorker } from './create-worker';
import { loadWorkflowBundle } from './workflow-bundle';

/** Retries `connect` with a growing pause until it succeeds, logging each failure. */
async function untilConnected<T>(what: string, connect: () => Promise<T>, log: Logger): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      log.warn({ err: error, attempt }, `${what} is not reachable yet; retrying`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
    }
  }
}

/**
 * The key credentials are opened with: SECRETS_KEY, or else the data directory's key file, which
 * `npm start` shares with the API server. The file is read when a node first needs it, since the
 * API server creates it at its first start; a worker without it still runs, and only nodes naming
 * a credential fail (CredentialUnreadable).
 */
function secretsKeyOption(key: Buffer | undefined, dataDir: string): { secretsKey: Buffer | (() => Buffer) } {
  if (key) return { secretsKey: key };
  const file = path.join(dataDir, 'secrets.key');
  let read: Buffer | undefined;
  return {
    secretsKey: () => {
      try {
        read ??= readKeyFile(file);
      } catch (error: unknown) {
        throw new SecretBoxError(
          `no secrets key: set SECRETS_KEY, or start the API server to create ${file} (${String(error)})`,
        );
      }
      return read;
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.logLevel, service: 'worker' });
  const temporalLevels: Record<string, LogLevel> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'INFO',
    warn: 'WARN',
  };
  Runtime.install({
    logger: new DefaultLogger(temporalLevels[config.logLevel] ?? 'WARN', (entry) => {
      const level =
        entry.level === 'TRACE'
          ? 'trace'
          : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
      log[level]({ ...entry.meta, sdk: true }, entry.message);
    }),
  });
  const address = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
  const mongoUrl = config.mongoUrl ?? `mongodb://127.0.0.1:${config.storePort}/`;
  // A store or Temporal that is (re)starting beside this worker is waited for, not a crash.
  const [{ client, db }, connection, bundle] = await Promise.all([
    untilConnected('store', () => connectStore(mongoUrl, config.mongoDb), log),
    untilConnected('Temporal', () => NativeConnection.connect({ address }), log),
    loadWorkflowBundle({ progress: (line) => log.info(line) }),
  ]);
  const worker = await createWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.temporalTaskQueue,
    db,
    bundle,
    // Worker-only settings, read here (not in activities) and handed over as dependencies.
    activityOptions: {
      httpAllowlist: parseAllowlist(config.httpRequestAllowlist),
      ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
      ...(config.smtpFrom ? { mailFrom: config.smtpFrom } : {}),
      // The API server's key: SECRETS_KEY, or on one machine the data directory's key file.
      ...secretsKeyOption(config.secretsKey, config.dataDir),
    },
  });
  // Entity-event triggers: the writes of this worker's activities are dispatched as they commit.
  // Its client shares the worker's connection: a NativeConnection also serves a Client.
  let dispatcher: TriggerDispatcher | undefined;
  if (config.triggerDispatcher) {
    dispatcher = createTriggerDispatcher({
      db,
      temporal: new Client({ connection, namespace: config.temporalNamespace }),
      taskQueue: config.temporalTaskQueue,
      log: log.child({ component: 'trigger-dispatcher' }),
      maxChainDepth: config.triggerMaxChainDepth,
      sweepIntervalMs: config.triggerSweepIntervalMs,
    });
    await dispatcher.start();
  }
  log.info({ taskQueue: config.temporalTaskQueue, namespace: config.temporalNamespace }, 'worker started');
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves after draining.
  await worker.run();
  await dispatcher?.stop();
  await connection.close();
  await client.close();
  log.info('worker stopped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
