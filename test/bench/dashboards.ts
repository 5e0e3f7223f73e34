import type { Db } from 'mongodb';
import { createEntityRepository } from '../../domain/entities';
import { computeSection, dashboardSections, type DashboardSection } from '../../domain/insight';
import { countRuns } from '../../server/routes/runs/run-list';
import { seedDemoCompany } from '../../server/seed/seed';
import { demoReferences, seedScaledData } from '../../server/seed/scaled-data';
import { bearer, logIn } from '../support/api-client';
import { serveApi } from '../support/api-server';
import { connectBenchTemporal } from './bench-temporal';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

const section = 'dashboards';
/** The plain list every dashboard endpoint is compared with: one page of invoices. */
const listPath = '/api/entities/invoice?limit=50';

/**
 * Every dashboard endpoint against the plain entity list, through the full API server with real
 * authentication, at each data scale (`npm run seed -- --scale N`'s data): requests go one at a
 * time, endpoints interleaved, a pause between rounds, as a landing page polled by many users is
 * asked (answers come from the section cache, fresh for 5 s, then served while recomputed). The
 * sections are also computed directly, uncached, to show what each recomputation costs the store.
 */
export async function measureDashboards(
  dbFor: (scale: number) => Db,
  temporalAddress: string,
  options: { scales: readonly number[]; rounds: number; pauseMs: number },
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const scale of options.scales) {
    const db = dbFor(scale);
    const repo = createEntityRepository(db);
    const seeding = performance.now();
    await seedDemoCompany(repo);
    const today = new Date().toISOString().slice(0, 10);
    const writes =
      scale > 1 ? await seedScaledData(repo, { scale, today, ...(await demoReferences(repo)) }) : 0;
    const seedSeconds = round((performance.now() - seeding) / 1000, 1);
    rows.push({
      section,
      figure: `seed at scale ${scale}`,
      value: seedSeconds,
      unit: 's',
      note: `demo company${scale > 1 ? ` + ${writes} generated writes through the repository` : ''}; ${await db.collection('invoice').countDocuments()} invoices`,
    });
    const bench = await connectBenchTemporal(db, temporalAddress, 'bench-dashboards');
    const admin = { email: 'bench@example.com', password: 'bench-password-123' };
    const server = await serveApi(bench, { admin });
    try {
      const headers = bearer(await logIn(server.url, admin));
      const paths = [listPath, ...dashboardSections.map((name) => `/api/dashboards/${name}`)];
      const latencies = new Map(paths.map((path) => [path, [] as number[]]));
      for (let round = 0; round < options.rounds; round++) {
        for (const path of paths) {
          const sent = performance.now();
          const response = await fetch(`${server.url}${path}`, { headers });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
          latencies.get(path)!.push(performance.now() - sent);
        }
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      }
      const list = latencies.get(listPath)!;
      rows.push(...percentileRows(`GET /api/entities/invoice (list), scale ${scale}`, list));
      for (const name of dashboardSections) {
        const samples = latencies.get(`/api/dashboards/${name}`)!;
        for (const p of [50, 95]) {
          rows.push({
            section,
            figure: `GET /api/dashboards/${name} p${p}, scale ${scale}`,
            value: round(percentile(samples, p)),
            unit: 'ms',
            baseline: round(percentile(list, p)),
            ratio: ratio(percentile(samples, p), percentile(list, p)),
            note: `${samples.length} requests, cached (5 s fresh, then refreshed in the background); baseline: list p${p}`,
          });
        }
      }
      for (const name of dashboardSections) {
        rows.push(
          ...percentileRows(
            `${name} computed uncached, scale ${scale}`,
            await computeTimes(name, db, bench.temporal, Math.min(options.rounds, 10)),
          ),
        );
      }
    } finally {
      await server.close();
      await bench.close();
    }
  }
  return rows;
}

async function computeTimes(
  name: DashboardSection,
  db: Db,
  temporal: Parameters<typeof countRuns>[0],
  samples: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await computeSection(name, {
      db,
      countRuns: (filter) => countRuns(temporal, filter),
      now: new Date(),
      currency: 'EUR',
    });
    times.push(performance.now() - started);
  }
  return times;
}

function percentileRows(figure: string, samples: number[]): BenchRow[] {
  return [50, 95].map((p) => ({
    section,
    figure: `${figure} p${p}`,
    value: round(percentile(samples, p)),
    unit: 'ms',
    note: `${samples.length} samples`,
  }));
}
