/*
 * A worker in its own process, so the crash test can SIGKILL it mid-run:
 * node --import tsx test/integration/engine/crash-worker.ts <mongoUrl> <dbName> <temporalAddress> <namespace> <taskQueue>
 * It prints "ready" once polling.
 */
import { MongoClient } from 'mongodb';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { createWorker } from '../../../worker/create-worker';
import { loadWorkflowBundle } from '../../../worker/workflow-bundle';

async function main(): Promise<void> {
  const [mongoUrl, dbName, address, namespace, taskQueue] = process.argv.slice(2);
  if (!mongoUrl || !dbName || !address || !namespace || !taskQueue)
    throw new Error('usage: see the header comment');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const mongo = await new MongoClient(mongoUrl).connect();
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection,
    namespace,
    taskQueue,
    db: mongo.db(dbName),
    bundle: await loadWorkflowBundle(),
  });
  const running = worker.run();
  console.log('ready');
  await running;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
