import express from 'express';
import type { Db } from 'mongodb';
import { Client, Connection } from '@temporalio/client';
import { createEntityRepository } from '../../domain/entities';
import { createUserStore, ensureAdmin } from '../../domain/users';
import { createLogger } from '../../platform/logger';
import { createServerApp } from '../../server/server-app';
import { listen } from '../setup/listen';
import { bareRoute, latencyRows, measureFixedRate } from './api-latency';
import type { BenchRow } from './report';

/**
 * Entity create (a two-line quote: validation, references, totals, gapless number, outbox,
 * audit) through the full API server with real authentication, against a bare Express route
 * mounted in the same server, at a fixed request rate.
 */
export async function measureEntityCreateLatency(
  db: Db,
  temporalAddress: string,
  options: { rate: number; requests: number },
): Promise<BenchRow[]> {
  const log = createLogger({ level: 'silent', service: 'bench' });
  const users = createUserStore(db);
  await users.ensureIndexes();
  await ensureAdmin(users, { email: 'bench@example.com', password: 'bench-password-123' });
  const connection = await Connection.connect({ address: temporalAddress });
  const app = createServerApp({
    db,
    temporal: new Client({ connection }),
    users,
    namespace: 'default',
    taskQueue: 'bench',
    log,
    health: { store: async () => {}, temporal: async () => {} },
  });
  // One server for both: the bare route in front, the full API behind it.
  const outer = express();
  outer.post('/bench/bare', express.json(), bareRoute);
  outer.use(app);
  const server = await listen(outer);
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-123' }),
    });
    const { token } = (await login.json()) as { token: string };
    const repo = createEntityRepository(db);
    const actor = { actor: { userId: 'bench' } };
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
        headers: { authorization: `Bearer ${token}` },
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
    await connection.close();
  }
}
