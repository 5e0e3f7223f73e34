import {
  createEntityRepository,
  DuplicateKeyError,
  migrateToVersionLog,
  versionLog,
} from '../../../domain/entities';
import { findPendingEvents } from '../../../domain/events';
import { connectTestServices, type TestServices } from '../../setup/test-env';

/*
 * A data directory written by the former layout (each record carrying an `_events` outbox, unique
 * indexes on the record collections) is converted on first start: once, resumably, idempotently.
 */

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('data-migration');
});
afterAll(() => services.close());

const actor = { userId: 'u1' };
const event = (id: string, seq: number, kind: string, dispatched: boolean, changes: object) => ({
  id,
  seq,
  event: kind,
  changes,
  previous: {},
  at: `2026-01-0${seq}T00:00:00.000Z`,
  actor,
  dispatched,
});

async function writeLegacyLayout(): Promise<void> {
  const db = services.db;
  const base = { archived: false, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u1', updatedBy: 'u1' };
  await db.collection('product').createIndex({ sku: 1 }, { unique: true, name: 'unique_sku' });
  await db.collection('product').createIndex({ '_events.dispatched': 1 }, { name: 'outbox_dispatched' });
  await db.collection<Record<string, unknown> & { _id: string }>('product').insertOne({
    ...base,
    _id: 'p1',
    version: 2,
    sku: 'OLD-1',
    name: 'Legacy widget',
    unitPrice: 500,
    currency: 'EUR',
    updatedAt: '2026-01-02T00:00:00.000Z',
    _events: [
      event('e-p1-1', 1, 'created', true, { sku: { to: 'OLD-1' } }),
      event('e-p1-2', 2, 'updated', false, { unitPrice: { from: 400, to: 500 } }),
    ],
    _outboxRev: 3,
    _applied: ['wf/node/1'],
  });
  await db.collection<Record<string, unknown> & { _id: string }>('ticket').insertOne({
    ...base,
    _id: 't7',
    version: 1,
    number: 'TKT-2026-000007',
    subject: 'Old ticket',
    status: 'new',
    priority: 'normal',
    category: 'question',
    assigneeRole: 'support',
    updatedAt: '2026-01-01T00:00:00.000Z',
    _events: [event('e-t7-1', 1, 'created', true, { subject: { to: 'Old ticket' } })],
    _outboxRev: 1,
  });
}

test('converts records, their outbox and unique keys once, resumably and idempotently', async () => {
  await writeLegacyLayout();
  const first = await migrateToVersionLog(services.db);
  expect(first).toEqual({ alreadyDone: false, records: 2, versions: 2 });

  // A run interrupted before its mark is run again and writes nothing twice.
  await services.db.collection('migrations').deleteMany({});
  expect(await migrateToVersionLog(services.db)).toEqual({ alreadyDone: false, records: 2, versions: 0 });
  expect(await migrateToVersionLog(services.db)).toEqual({ alreadyDone: true, records: 0, versions: 0 });

  const log = await versionLog(services.db).find({}).sort({ _id: 1 }).toArray();
  expect(log.map((v) => [v._id, v.eventId, v.dispatched, v.claim])).toEqual([
    ['product/p1@2', 'e-p1-2', false, 'product/p1@2'],
    ['ticket/t7@1', 'e-t7-1', true, 'TKT-2026-000007'],
  ]);
  // The undispatched event is still pending, now in the log.
  const pending = await findPendingEvents(services.db, { types: ['product'] });
  expect(pending.map((p) => [p.entityId, p.event.id, p.event.changes])).toEqual([
    ['p1', 'e-p1-2', { unitPrice: { from: 400, to: 500 } }],
  ]);
  const projected = await services.db.collection('product').findOne({ _id: 'p1' as never });
  expect(projected).not.toHaveProperty('_events');
  expect(projected).toHaveProperty('_applied', ['wf/node/1']);
  const indexes = (await services.db.collection('product').indexes()).map((i) => i.name);
  expect(indexes).not.toContain('unique_sku');
  expect(indexes).not.toContain('outbox_dispatched');

  // Writes go on from the migrated state: keys held, numbers continued, versions in order.
  const repo = createEntityRepository(services.db);
  await expect(
    repo.create(
      'product',
      { sku: 'OLD-1', name: 'Clash', unitPrice: 1, currency: 'EUR' },
      { actor, roles: ['admin'] },
    ),
  ).rejects.toThrow(DuplicateKeyError);
  const { record: ticket } = await repo.create(
    'ticket',
    { subject: 'New ticket' },
    { actor, roles: ['admin'] },
  );
  expect(ticket.number).toBe('TKT-2026-000008');
  expect(
    await repo.update(
      'product',
      'p1',
      { name: 'Renamed' },
      { expectedVersion: 2 },
      { actor, roles: ['admin'] },
    ),
  ).toMatchObject({
    version: 3,
    sku: 'OLD-1',
    name: 'Renamed',
  });
  // A retried workflow write whose key the record carried before the migration is not repeated.
  expect(
    await repo.update(
      'product',
      'p1',
      { name: 'Again' },
      {},
      { actor, roles: ['admin'], idempotencyKey: 'wf/node/1' },
    ),
  ).toMatchObject({ version: 3, name: 'Renamed' });
});
