/*
 * A worker in its own process, so a crash test can SIGKILL it mid-run (child-worker.ts spawns it):
 * node --import tsx test/support/child-worker-main.ts <mongoUrl> <dbName> <temporalAddress> <namespace> <taskQueue>
 * It prints "ready" once polling.
 */
import { MongoClient } from 'mongodb';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { startWorkerOn } from './worker';

async function main(): Promise<void> {
  const [mongoUrl, dbName, temporalAddress, namespace, taskQueue] = process.argv.slice(2);
  if (!mongoUrl || !dbName || !temporalAddress || !namespace || !taskQueue)
    throw new Error('usage: see the header comment');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const mongo = await new MongoClient(mongoUrl).connect();
  await startWorkerOn({ temporalAddress, namespace, taskQueue, db: mongo.db(dbName) });
  console.log('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
