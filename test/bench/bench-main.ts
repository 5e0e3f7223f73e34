import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startThrowawayServices } from '../setup/throwaway-services';
import { measureHealthUnderPoisonConditions } from './containment-health';
import { measureEditorFrames } from './editor-frames';
import { measureDataLayer } from './data-layer';
import { measureDashboards } from './dashboards';
import { measureEngineOverhead } from './engine-overhead';
import { measureEntityCreateLatency } from './entity-api-latency';
import { measurePureNodes } from './pure-node-cpu';
import { writeReport, type BenchRow } from './report';
import { measureTaskLatency } from './task-latency';
import { measureTriggerLatency } from './trigger-latency';
import { measureValidationThroughput } from './validation-throughput';
import { measureWorkerScaling } from './worker-scaling';

/** The sections, in the order they run. */
const sections = [
  'pure',
  'validation',
  'editor',
  'engine',
  'api',
  'tasks',
  'containment',
  'data',
  'triggers',
  'scaling',
  'dashboards',
] as const;

/** `--only data,triggers` runs just those sections; the default is all. */
function selectedSections(argv: readonly string[]): ReadonlySet<string> {
  const only =
    argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ??
    (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
  if (only === undefined) return new Set(sections);
  const wanted = only.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !(sections as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown bench sections ${unknown.join(', ')}; known: ${sections.join(', ')}`);
  return new Set(wanted);
}

/**
 * `npm run bench`: every figure is measured side by side with its baseline in this one run,
 * on the same embedded Temporal server and store `npm start` uses, and reported as medians,
 * percentiles and ratios. Results go to bench-results/bench.json. `npm run bench -- --only data`
 * runs some sections only.
 */
async function main(): Promise<void> {
  const run = selectedSections(process.argv.slice(2));
  const rows: BenchRow[] = [];
  // Each section's rows are printed as soon as they are measured.
  const record = (items: BenchRow[]) => {
    for (const row of items) {
      const versus = row.ratio === undefined ? '' : ` (ratio ${row.ratio})`;
      console.error(`[bench] ${row.figure}: ${row.value} ${row.unit}${versus}`);
    }
    rows.push(...items);
  };
  if (run.has('pure')) record(await measurePureNodes());
  if (run.has('validation')) record(measureValidationThroughput());
  if (run.has('editor')) record(await measureEditorFrames());
  const { services, dispose } = await startThrowawayServices((line) => console.error(`[bench] ${line}`));
  const mongo = new MongoClient(services.mongoUrl);
  try {
    await mongo.connect();
    if (run.has('engine'))
      record(
        await measureEngineOverhead(mongo.db('bench_engine'), services.temporalAddress, {
          runs: 200,
          batch: 50,
        }),
      );
    if (run.has('api'))
      record(
        await measureEntityCreateLatency(mongo.db('bench_api'), services.temporalAddress, {
          rate: 50,
          requests: 500,
        }),
      );
    if (run.has('tasks'))
      record(
        await measureTaskLatency(mongo.db('bench_tasks'), services.temporalAddress, {
          samples: 100,
          warmup: 5,
        }),
      );
    if (run.has('containment'))
      record(
        await measureHealthUnderPoisonConditions(mongo.db('bench_containment'), services.temporalAddress, {
          rate: 20,
          writes: 200,
        }),
      );
    if (run.has('data'))
      record(
        await measureDataLayer(services.mongoUrl, services.temporalAddress, {
          rates: [50, 100, 200],
          // BENCH_DATA_SECONDS=2 on a loaded machine.
          seconds: Number(process.env.BENCH_DATA_SECONDS ?? 5),
          // BENCH_SCALES=1000,10000 where seeding 100k records takes too long.
          scales: (process.env.BENCH_SCALES ?? '1000,10000,100000').split(',').map(Number),
          storePid: services.store === 'ferretdb' ? services.processes.store?.pid : undefined,
        }),
      );
    // 10 writes/s shows the dispatcher's own latency beside the 50 writes/s figure.
    for (const rate of run.has('triggers') ? [50, 10] : []) {
      record(
        await measureTriggerLatency(mongo.db(`bench_triggers_${rate}`), services.temporalAddress, {
          rate,
          writes: rate === 50 ? 300 : 150,
        }),
      );
    }
    if (run.has('scaling'))
      record(await measureWorkerScaling(mongo.db('bench_scaling'), services, { batch: 100, rounds: 3 }));
    if (run.has('dashboards'))
      record(
        await measureDashboards((scale) => mongo.db(`bench_dashboards_${scale}`), services.temporalAddress, {
          // BENCH_DASHBOARD_SCALES=1,10 where seeding 100 times the demo takes too long.
          scales: (process.env.BENCH_DASHBOARD_SCALES ?? '1,100').split(',').map(Number),
          rounds: 60,
          pauseMs: 100,
        }),
      );
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
