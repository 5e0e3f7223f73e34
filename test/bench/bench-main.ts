import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startThrowawayServices } from '../setup/throwaway-services';
import { measureHealthUnderPoisonConditions } from './containment-health';
import { measureEditorFrames } from './editor-frames';
import { measureEngineOverhead } from './engine-overhead';
import { measureEntityCreateLatency } from './entity-api-latency';
import { measurePureNodes } from './pure-node-cpu';
import { writeReport, type BenchRow } from './report';
import { measureTaskLatency } from './task-latency';
import { measureTriggerLatency } from './trigger-latency';
import { measureValidationThroughput } from './validation-throughput';
import { measureWorkerScaling } from './worker-scaling';

/**
 * `npm run bench`: every figure is measured side by side with its baseline in this one run,
 * on the same embedded Temporal server and store `npm start` uses, and reported as medians,
 * percentiles and ratios. Results go to bench-results/bench.json.
 */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  // Each section's rows are printed as soon as they are measured.
  const record = (items: BenchRow[]) => {
    for (const row of items) {
      const versus = row.ratio === undefined ? '' : ` (ratio ${row.ratio})`;
      console.error(`[bench] ${row.figure}: ${row.value} ${row.unit}${versus}`);
    }
    rows.push(...items);
  };
  record(await measurePureNodes());
  record(measureValidationThroughput());
  record(await measureEditorFrames());
  const { services, dispose } = await startThrowawayServices((line) => console.error(`[bench] ${line}`));
  const mongo = new MongoClient(services.mongoUrl);
  try {
    await mongo.connect();
    record(
      await measureEngineOverhead(mongo.db('bench_engine'), services.temporalAddress, {
        runs: 200,
        batch: 50,
      }),
    );
    record(
      await measureEntityCreateLatency(mongo.db('bench_api'), services.temporalAddress, {
        rate: 50,
        requests: 500,
      }),
    );
    record(
      await measureTaskLatency(mongo.db('bench_tasks'), services.temporalAddress, {
        samples: 100,
        warmup: 5,
      }),
    );
    record(
      await measureHealthUnderPoisonConditions(mongo.db('bench_containment'), services.temporalAddress, {
        rate: 20,
        writes: 200,
      }),
    );
    // At 50 writes/s the embedded store is saturated by creates and outbox marks; 10/s shows the
    // dispatcher's own latency.
    for (const rate of [50, 10]) {
      record(
        await measureTriggerLatency(mongo.db(`bench_triggers_${rate}`), services.temporalAddress, {
          rate,
          writes: rate === 50 ? 300 : 150,
        }),
      );
    }
    record(await measureWorkerScaling(mongo.db('bench_scaling'), services, { batch: 100, rounds: 3 }));
  } finally {
    await mongo.close();
    await dispose();
  }
  await writeReport(rows, path.resolve(__dirname, '..', '..', 'bench-results', 'bench.json'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
