import express from 'express';
import type { Db } from 'mongodb';
import { createEntityRepository } from '../../domain/entities';
import { bearer, logIn } from '../support/api-client';
import { serveApi } from '../support/api-server';
import { bareRoute, latencyRows, measureFixedRate } from './api-latency';
import { connectBenchTemporal } from './bench-temporal';
import type { BenchRow } from './report';

/**
 * Entity create (a two-line quote: validation, references, totals, gapless number, one version
 * insert carrying its event and audit entry) through the full API server with real authentication, against a bare Express route
 * mounted in the same server, at a fixed request rate.
 */
export async function measureEntityCreateLatency(
  db: Db,
  temporalAddress: string,
  options: { rate: number; requests: number },
): Promise<BenchRow[]> {
  const bench = await connectBenchTemporal(db, temporalAddress, 'bench-api');
  const admin = { email: 'bench@example.com', password: 'bench-password-123' };
  // One server for both: the bare route in front, the full API behind it.
  const server = await serveApi(bench, {
    admin,
    wrap: (app) => {
      const outer = express();
      outer.post('/bench/bare', express.json(), bareRoute);
      outer.use(app);
      return outer;
    },
  });
  try {
    const token = await logIn(server.url, admin);
    const repo = createEntityRepository(db);
    const actor = { actor: { userId: 'bench' }, roles: ['admin'] as const };
    const account = await repo.create(
      'account',
      { name: 'Bench Ltd', type: 'customer', status: 'active', currency: 'EUR', paymentTerms: 'net30' },
      actor,
    );
    const product = (sku: string) =>
      repo.create(
        'product',
        {
          sku,
          name: sku,
          type: 'stockable',
          unitOfMeasure: 'unit',
          unitPrice: 12_500,
          currency: 'EUR',
          taxRateBp: 2000,
          active: true,
        },
        actor,
      );
    const [p1, p2] = await Promise.all([product('BENCH-1'), product('BENCH-2')]);
    const quote = () => ({
      accountId: account.record._id,
      currency: 'EUR',
      paymentTerms: 'net30',
      discountBp: 0,
      lines: [
        { productId: p1.record._id, quantity: 3, unitPrice: 12_500, discountBp: 500, taxRateBp: 2000 },
        { productId: p2.record._id, quantity: 1, unitPrice: 99_900, discountBp: 0, taxRateBp: 2000 },
      ],
    });
    const results = await measureFixedRate(
      server.url,
      [
        { name: 'bare', path: '/bench/bare', body: quote },
        { name: 'create', path: '/api/entities/quote', body: quote },
      ],
      {
        rate: options.rate,
        requestsPerTarget: options.requests,
        headers: bearer(token),
      },
    );
    return latencyRows(
      'data model',
      'entity create (2-line quote)',
      results.get('create')!,
      results.get('bare')!,
      options.rate,
    );
  } finally {
    await server.close();
    await bench.close();
  }
}
