import { createEntityRepository } from '../../domain/entities';
import { loadConfig } from '../../platform/config';
import { connectStore } from '../../platform/mongo';
import { seedDemoCompany } from './seed';

/** `npm run seed`: fills the configured store with the demo company, unless it already has data. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const url = config.mongoUrl ?? `mongodb://127.0.0.1:${config.storePort}/`;
  const { client, db } = await connectStore(url, config.mongoDb);
  try {
    const result = await seedDemoCompany(createEntityRepository(db));
    process.stdout.write(
      result.seeded
        ? `seeded ${db.databaseName}: ${JSON.stringify(result.counts)}\n`
        : `${db.databaseName} already has accounts; nothing seeded\n`,
    );
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
