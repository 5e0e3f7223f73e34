import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { Client, Connection } from '@temporalio/client';
import { Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { withWorkerOn } from '../support/worker';

/** Env keys through which the global setup hands the running services to test files. */
export const testEnvKeys = {
  mongoUrl: 'LEDGERLINE_TEST_MONGO_URL',
  temporalAddress: 'LEDGERLINE_TEST_TEMPORAL_ADDRESS',
  namespace: 'LEDGERLINE_TEST_NAMESPACE',
  store: 'LEDGERLINE_TEST_STORE',
} as const;

function required(key: string): string {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is unset: integration tests need the jest global setup`);
  return value;
}

export interface TestServices {
  mongoUrl: string;
  temporalAddress: string;
  namespace: string;
  /** A database of this test file's own, dropped at close. */
  db: Db;
  mongo: MongoClient;
  temporal: Client;
  /** A task queue of this test file's own, so workers of parallel test files never share work. */
  taskQueue: string;
  /** Runs a worker on the test's task queue until `fn` settles. */
  withWorker<T>(fn: (worker: Worker) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** Connects a test file to the real Temporal dev server and store the global setup started. */
export async function connectTestServices(name: string): Promise<TestServices> {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    Runtime.install({ logger: new DefaultLogger('WARN') });
  }
  const mongoUrl = required(testEnvKeys.mongoUrl);
  const temporalAddress = required(testEnvKeys.temporalAddress);
  const namespace = required(testEnvKeys.namespace);
  const suffix = randomUUID().slice(0, 8);
  const mongo = new MongoClient(mongoUrl);
  await mongo.connect();
  const db = mongo.db(`test_${name.replace(/[^a-z0-9]/gi, '_')}_${suffix}`);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace });
  const taskQueue = `test-${name}-${suffix}`;
  return {
    mongoUrl,
    temporalAddress,
    namespace,
    db,
    mongo,
    temporal,
    taskQueue,
    withWorker(fn) {
      return withWorkerOn({ temporalAddress, namespace, taskQueue, db }, fn);
    },
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
      await connection.close();
    },
  };
}
