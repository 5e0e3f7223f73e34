import { MongoClient } from 'mongodb';
import { reconcile } from '../domain/erp';
import { loadConfig } from '../platform/config';

/*
 * `npm run reconcile`: checks that stock, reservations, invoices and payments of the configured
 * store agree (see `reconcile`), prints the report as JSON and exits 1 when anything differs. It
 * reads every record of those types, so run it off-peak on a large store.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const client = new MongoClient(config.mongoUrl ?? `mongodb://127.0.0.1:${config.storePort}/`, {
    serverSelectionTimeoutMS: 5000,
    appName: 'ledgerline-reconcile',
  });
  try {
    const report = await reconcile(client.db(config.mongoDb));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.differences.length === 0 ? 0 : 1;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`reconcile failed: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
