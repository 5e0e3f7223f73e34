import { createEntityRepository } from '../../domain/entities';
import { loadConfig } from '../../platform/config';
import { connectStore } from '../../platform/mongo';
import { seedDemoCompany } from './seed';
import { parseSeedArgs } from './seed-options';
import { demoReferences, seedScaledData } from './scaled-data';

/**
 * `npm run seed [-- --scale N]`: fills the configured store with the demo company, unless it
 * already has data of its own; `--scale N` adds generated business up to N times the demo's size.
 */
async function main(): Promise<void> {
  const { scale } = parseSeedArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  const url = config.mongoUrl ?? `mongodb://127.0.0.1:${config.storePort}/`;
  const { client, db } = await connectStore(url, config.mongoDb);
  try {
    const repo = createEntityRepository(db);
    const result = await seedDemoCompany(repo);
    if (!result.seeded) {
      process.stdout.write(`${db.databaseName} already has accounts; nothing seeded\n`);
      return;
    }
    process.stdout.write(`seeded ${db.databaseName}: ${JSON.stringify(result.counts)}\n`);
    if (scale > 1) {
      const started = Date.now();
      const writes = await seedScaledData(repo, {
        scale,
        today: new Date().toISOString().slice(0, 10),
        ...(await demoReferences(repo)),
        onProgress: (done, of) => process.stdout.write(`\rscale ${scale}: ${done}/${of} units`),
      });
      process.stdout.write(
        `\nscale ${scale}: ${writes} writes in ${Math.round((Date.now() - started) / 1000)} s\n`,
      );
    }
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
