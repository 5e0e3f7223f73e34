import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import express from 'express';
import { MongoClient, type Db } from 'mongodb';
import { versionKey, versionLog, type VersionDocument } from '../../domain/entities/version-log';
import { duplicateKeysOf } from '../../domain/entities/possible-duplicates';
import { bearer, callApi, logIn } from '../support/api-client';
import { serveApi, type ServedApi } from '../support/api-server';
import { startDispatcher } from '../support/trigger-dispatcher';
import { defaultAdmission } from '../../server/http/admission';
import { bareRoute, measureFixedRate } from './api-latency';
import { connectBenchTemporal, type BenchTemporal } from './bench-temporal';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

const section = 'data layer';
const admin = { email: 'bench-data@example.com', password: 'bench-password-123' };

export interface DataLayerOptions {
  /** Write rates to measure create and update latency at. */
  rates: readonly number[];
  /** Seconds of writes per rate. */
  seconds: number;
  /** Store sizes (records) for the create-cost and sweep-cost scaling. */
  scales: readonly number[];
  /** The store process, for its CPU time (Linux `/proc`); undefined skips the CPU figures. */
  storePid: number | undefined;
}

/**
 * The data layer under load, through the full API server (real authentication, the trigger
 * dispatcher in the same process as `npm start` runs it), each figure beside a baseline of the same
 * run: account create and update latency at fixed write rates against a bare Express route; the
 * store operations one write costs; the store's CPU when idle and per write; and create latency and
 * dispatcher sweep time as the store grows, as ratios against the smallest size.
 */
export async function measureDataLayer(
  mongoUrl: string,
  temporalAddress: string,
  options: DataLayerOptions,
): Promise<BenchRow[]> {
  // A client of its own that counts the commands it sends: the store operations per write.
  const mongo = new MongoClient(mongoUrl, { monitorCommands: true });
  await mongo.connect();
  let commands = 0;
  mongo.on('commandStarted', (event) => {
    if (event.databaseName === 'bench_data') commands += 1;
  });
  const db = mongo.db('bench_data');
  const bench = await connectBenchTemporal(db, temporalAddress, 'bench-data');
  const server = await serveApi(bench, {
    admin,
    // Bounded as `npm start` bounds it: overload is answered 503, not queued without end.
    app: { admission: defaultAdmission },
    wrap: (app) => {
      const outer = express();
      outer.post('/bench/bare', express.json(), bareRoute);
      outer.patch('/bench/bare/:id', express.json(), bareRoute);
      outer.use(app);
      return outer;
    },
  });
  const dispatcher = await startDispatcher(bench, { sweepIntervalMs: 2000 });
  const rows: BenchRow[] = [];
  try {
    const headers = bearer(await logIn(server.url, admin));
    const account = () => ({ name: `Bench ${randomUUID().slice(0, 8)}`, currency: 'EUR' });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await callApi(server.url, 'POST', '/entities/account', account(), headers)).body._id);
    }

    rows.push(...(await storeOpsPerWrite(server, headers, ids, () => commands)));

    const cpuBefore = await cpuMs(options.storePid);
    let writes = 0;
    const withinTarget: number[] = [];
    for (const rate of options.rates) {
      const count = rate * options.seconds;
      const created = await measureFixedRate(
        server.url,
        [
          { name: 'create', path: '/api/entities/account', body: account },
          { name: 'bare', path: '/bench/bare', body: account },
        ],
        { rate: rate * 2, requestsPerTarget: count, headers },
      );
      const updated = await measureFixedRate(
        server.url,
        [
          {
            name: 'update',
            method: 'PATCH',
            path: (i) => `/api/entities/account/${ids[i % ids.length]!}`,
            body: () => ({ phone: randomUUID().slice(0, 12) }),
          },
          { name: 'bare', method: 'PATCH', path: '/bench/bare/x', body: () => ({ phone: 'x' }) },
        ],
        { rate: rate * 2, requestsPerTarget: count, headers },
      );
      writes += 2 * count;
      const p99s: number[] = [];
      for (const [kind, results] of [
        ['create', created],
        ['update', updated],
      ] as const) {
        const measured = results.get(kind)!;
        const base = results.get('bare')!;
        const statuses = [...measured.statuses.entries()].map(([s, n]) => `${n}×${s}`).join(', ');
        for (const q of [50, 99]) {
          const value = percentile(measured.latencies, q);
          if (q === 99) p99s.push(value);
          const baseline = percentile(base.latencies, q);
          rows.push({
            section,
            figure: `account ${kind} p${q} at ${rate} writes/s`,
            value: round(value),
            unit: 'ms',
            baseline: round(baseline),
            ratio: ratio(value, baseline),
            note: `${count} ${kind}s through the full API (${statuses}); baseline: bare Express route at the same rate`,
          });
        }
      }
      if (p99s.every((p99) => p99 <= 100)) withinTarget.push(rate);
    }
    rows.push({
      section,
      figure: 'highest write rate with create and update p99 ≤ 100 ms',
      value: Math.max(0, ...withinTarget),
      unit: 'writes/s',
      note: `rates tried: ${options.rates.join(', ')}; 0 means none`,
    });
    const cpuAfter = await cpuMs(options.storePid);
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      rows.push({
        section,
        figure: 'store CPU per API write',
        value: round((cpuAfter - cpuBefore) / writes),
        unit: 'ms CPU',
        note: `FerretDB process CPU time over ${writes} creates and updates, dispatcher marks included`,
      });
    }

    rows.push(...(await scaling(bench, options)));
    rows.push(...(await idleCpu(options.storePid, await versionLog(db).countDocuments())));
    return rows;
  } finally {
    await dispatcher.stop();
    await server.close();
    await bench.close();
    await mongo.close();
  }

  /** Create latency and one dispatcher sweep as the store grows, against the smallest size. */
  async function scaling(target: BenchTemporal, { scales }: DataLayerOptions): Promise<BenchRow[]> {
    const scaleDb = mongo.db('bench_data_scale');
    const scaleBench = { ...target, db: scaleDb };
    const scaleApi = await serveApi(scaleBench, { admin, app: { admission: defaultAdmission } });
    const scaleDispatcher = await startDispatcher(scaleBench, { sweepIntervalMs: 600_000 });
    const scaleHeaders = bearer(await logIn(scaleApi.url, admin));
    const creates: number[] = [];
    const sweeps: number[] = [];
    let seeded = 0;
    try {
      for (const scale of scales) {
        await seedAccounts(scaleDb, scale - seeded);
        seeded = scale;
        const latencies: number[] = [];
        for (let i = 0; i < 60; i++) {
          const sent = performance.now();
          const response = await callApi(
            scaleApi.url,
            'POST',
            '/entities/account',
            { name: `Scale ${randomUUID().slice(0, 8)}`, currency: 'EUR' },
            scaleHeaders,
          );
          if (response.status !== 201) throw new Error(`create answered ${response.status}`);
          latencies.push(performance.now() - sent);
        }
        seeded += 60;
        const sweepTimes: number[] = [];
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          await scaleDispatcher.sweep(0);
          sweepTimes.push(performance.now() - started);
        }
        creates.push(percentile(latencies, 50));
        sweeps.push(percentile(sweepTimes, 50));
      }
    } finally {
      await scaleDispatcher.stop();
      await scaleApi.close();
    }
    return scales.flatMap((scale, i) => [
      {
        section,
        figure: `account create p50 with ${scale.toLocaleString('en')} accounts stored`,
        value: round(creates[i]!),
        unit: 'ms',
        baseline: round(creates[0]!),
        ratio: ratio(creates[i]!, creates[0]!),
        note: `60 sequential creates through the full API (duplicate check included); baseline: the same at ${scales[0]!.toLocaleString('en')}`,
      },
      {
        section,
        figure: `dispatcher sweep p50 with ${scale.toLocaleString('en')} records stored`,
        value: round(sweeps[i]!),
        unit: 'ms',
        baseline: round(sweeps[0]!),
        ratio: ratio(sweeps[i]!, sweeps[0]!),
        note: `one sweep of the version log, nothing pending; baseline: the same at ${scales[0]!.toLocaleString('en')}`,
      },
    ]);
  }
}

/** Store commands per API create and per update, each the mean over 50 sequential writes. */
async function storeOpsPerWrite(
  server: ServedApi,
  headers: Record<string, string>,
  ids: readonly string[],
  commands: () => number,
): Promise<BenchRow[]> {
  const perWrite = async (write: (i: number) => Promise<unknown>) => {
    const before = commands();
    for (let i = 0; i < 50; i++) await write(i);
    return round((commands() - before) / 50);
  };
  const create = await perWrite(() =>
    callApi(
      server.url,
      'POST',
      '/entities/account',
      { name: `Ops ${randomUUID().slice(0, 8)}`, currency: 'EUR' },
      headers,
    ),
  );
  const update = await perWrite((i) =>
    callApi(
      server.url,
      'PATCH',
      `/entities/account/${ids[i % ids.length]!}`,
      { phone: randomUUID().slice(0, 12) },
      headers,
    ),
  );
  const note =
    'store commands the API process sent per write, dispatcher marks and possible-duplicate lookups included';
  return [
    { section, figure: 'store operations per account create', value: create, unit: 'ops', note },
    { section, figure: 'store operations per account update', value: update, unit: 'ops', note },
  ];
}

/** Inserts `count` committed, dispatched accounts straight into the version log and the projection. */
async function seedAccounts(db: Db, count: number): Promise<void> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = () => Array.from({ length: 7 }, () => letters[Math.floor(Math.random() * 26)]).join('');
  const at = new Date().toISOString();
  for (let start = 0; start < count; start += 1000) {
    const versions: VersionDocument[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const id = randomUUID();
      const record = {
        _id: id,
        version: 1,
        archived: false,
        name: `${word()} ${word()}`,
        email: `${word()}@${word()}.example`,
        type: 'customer',
        status: 'active',
        currency: 'EUR',
        paymentTerms: 'net30',
        createdAt: at,
        updatedAt: at,
        createdBy: 'seed',
        updatedBy: 'seed',
      };
      versions.push({
        _id: versionKey('account', id, 1),
        type: 'account',
        entityId: id,
        version: 1,
        kind: 'created',
        record,
        changes: {},
        eventId: randomUUID(),
        at,
        actor: { userId: 'seed' },
        claim: versionKey('account', id, 1),
        dispatched: true,
        seq: Date.now(),
      });
    }
    await versionLog(db).insertMany(versions, { ordered: false });
    await db
      .collection('account')
      .insertMany(
        versions.map((v) => ({ ...v.record, ...duplicateKeysOf('account', v.record) })) as never[],
        {
          ordered: false,
        },
      );
  }
}

/** The store's CPU over 10 s with no traffic, the dispatcher sweeping as in production. */
async function idleCpu(pid: number | undefined, versions: number): Promise<BenchRow[]> {
  const before = await cpuMs(pid);
  if (before === undefined) return [];
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const after = (await cpuMs(pid))!;
  return [
    {
      section,
      figure: 'store CPU when idle',
      value: round(((after - before) / 10_000) * 100),
      unit: '% of a core',
      note: `FerretDB over 10 s with no writes; API server and trigger dispatcher (sweep every 2 s) running over ${versions.toLocaleString('en')} versions`,
    },
  ];
}

/** CPU time (user + system) a process used so far, in ms; undefined where `/proc` is missing. */
async function cpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
