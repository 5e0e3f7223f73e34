import { createEntityRepository } from '../../../domain/entities';
import { seedDemoCompany } from '../../../server/seed/seed';
import { connectTestServices, type TestServices } from '../../setup/test-env';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('seed');
});
afterAll(async () => {
  await services.close();
});

describe('seedDemoCompany', () => {
  it('creates the demo company once and does nothing on a second run', async () => {
    const repo = createEntityRepository(services.db);
    const first = await seedDemoCompany(repo);
    expect(first.seeded).toBe(true);
    expect(first.counts).toMatchObject({
      account: 30,
      product: 20,
      warehouse: 2,
      stockItem: 36,
      invoice: 6,
      payment: 4,
    });
    const accounts = await services.db.collection('account').countDocuments();
    const again = await seedDemoCompany(repo);
    expect(await services.db.collection('account').countDocuments()).toBe(accounts);
    expect(await services.db.collection('payment').countDocuments()).toBe(4);
    expect(again.seeded).toBe(true);
    const paid = await repo.list('invoice', { filters: [{ field: 'status', op: 'eq', value: 'paid' }] });
    expect(paid.items).toHaveLength(2);
  });

  it('leaves a store with other accounts alone', async () => {
    const db = services.mongo.db(`${services.db.databaseName}_other`);
    try {
      const repo = createEntityRepository(db);
      await repo.create(
        'account',
        { name: 'Real Customer', currency: 'EUR' },
        { actor: { userId: 'u1' }, roles: ['admin'] as const },
      );
      expect(await seedDemoCompany(repo)).toEqual({ seeded: false, counts: {} });
    } finally {
      await db.dropDatabase();
    }
  });
});
