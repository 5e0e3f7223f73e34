import { findPendingEvents, markEventDispatched } from '../../../domain/events';
import { startEntityApi, type EntityApi } from './entity-api';
import { createFixtures, type Fixtures } from './fixtures';

let api: EntityApi;
let fixtures: Fixtures;
beforeAll(async () => {
  api = await startEntityApi('entity-queries');
  fixtures = createFixtures(api);
});
afterAll(async () => {
  await api.close();
});

describe('the account related view', () => {
  it('returns the related records and the open balance of issued and partially paid invoices', async () => {
    const account = await fixtures.create('account', { name: 'Related Corp' });
    const accountId = account._id;
    const contact = await fixtures.create('contact', { accountId });
    const opportunity = await fixtures.create('opportunity', { accountId });
    const quote = await fixtures.create('quote', { accountId });
    const order = await fixtures.create('salesOrder', { accountId });
    const ticket = await fixtures.create('ticket', { accountId });
    const issued = await fixtures.create('invoice', { accountId, status: 'issued' }); // total 2380
    const partly = await fixtures.create('invoice', { accountId, status: 'issued' }); // total 2380
    await fixtures.create('invoice', { accountId }); // draft: not owed yet
    const payment = await fixtures.create('payment', { invoiceId: partly._id, accountId, amount: 380 });
    await fixtures.create('contact'); // another account's

    const response = await api.request('GET', `/entities/account/${accountId}/related`);
    expect(response.status).toBe(200);
    const ids = (list: { _id: string }[]) => list.map((r) => r._id).sort();
    expect(response.body.account._id).toBe(accountId);
    expect(ids(response.body.contacts)).toEqual([contact._id]);
    expect(ids(response.body.opportunities)).toEqual([opportunity._id]);
    expect(ids(response.body.quotes)).toEqual([quote._id]);
    expect(ids(response.body.orders)).toEqual([order._id]);
    expect(ids(response.body.tickets)).toEqual([ticket._id]);
    expect(response.body.invoices).toHaveLength(3);
    expect(ids(response.body.payments)).toEqual([payment._id]);
    const partlyNow = await api.request('GET', `/entities/invoice/${partly._id}`);
    expect(partlyNow.body).toMatchObject({ amountPaid: 380, status: 'partiallyPaid' });
    expect(response.body.openBalance).toEqual({ amount: 2380 + 2000, currency: 'EUR' });
    expect(issued.total).toBe(2380);
  });

  it('answers 404 for an unknown account', async () => {
    expect((await api.request('GET', '/entities/account/nope/related')).status).toBe(404);
  });
});

describe('possible duplicates', () => {
  it('lists existing accounts with the same or a similar name or email on create', async () => {
    const acme = await fixtures.create('account', {
      name: 'Acme Widgets GmbH',
      email: 'info@acme-widgets.example',
    });
    const response = await api.request('POST', '/entities/account', {
      name: 'ACME Widgets',
      currency: 'EUR',
    });
    expect(response.status).toBe(201);
    expect(response.body.possibleDuplicates).toEqual([
      { id: acme._id, title: 'Acme Widgets GmbH', reason: 'sameName', score: 10000 },
    ]);
    const byEmail = await api.request('POST', '/entities/contact', {
      name: 'Jo Bloggs',
      email: 'jo@bloggs.example',
    });
    const again = await api.request('POST', '/entities/contact', {
      name: 'Someone Else',
      email: 'JO@bloggs.example',
    });
    expect(again.body.possibleDuplicates).toEqual([
      { id: byEmail.body._id, title: 'Jo Bloggs', reason: 'sameEmail', score: 10000 },
    ]);
    const unrelated = await api.request('POST', '/entities/lead', { name: 'Zebra Logistics' });
    expect(unrelated.body.possibleDuplicates).toEqual([]);
  });
});

describe('permissions', () => {
  it('lets a viewer read but not write', async () => {
    const account = await fixtures.create('account');
    const create = await api.request(
      'POST',
      '/entities/account',
      { name: 'Nope', currency: 'EUR' },
      { as: ['viewer'] },
    );
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('forbidden');
    expect(
      (await api.request('PATCH', `/entities/account/${account._id}`, { phone: '1' }, { as: ['viewer'] }))
        .status,
    ).toBe(403);
    expect(
      (await api.request('DELETE', `/entities/account/${account._id}`, undefined, { as: ['viewer'] })).status,
    ).toBe(403);
    expect(
      (await api.request('GET', `/entities/account/${account._id}`, undefined, { as: ['viewer'] })).status,
    ).toBe(200);
  });

  it('lets sales create quotes but not archive them, and not touch invoices', async () => {
    const body = await fixtures.build('quote');
    const quote = await api.request('POST', '/entities/quote', body, { as: ['sales'] });
    expect(quote.status).toBe(201);
    expect(
      (await api.request('DELETE', `/entities/quote/${quote.body._id}`, undefined, { as: ['sales'] })).status,
    ).toBe(403);
    expect(
      (await api.request('POST', '/entities/invoice', await fixtures.build('invoice'), { as: ['sales'] }))
        .status,
    ).toBe(403);
  });
});

describe('lists', () => {
  it('filters by typed values, ranges, sets and search text, and pages with a cursor', async () => {
    const names = ['Filter Alpha', 'Filter Beta', 'Filter Gamma', 'Filter Delta', 'Other (x)'];
    const tag = `L${Date.now().toString(36)}`;
    const created = [];
    for (const [i, name] of names.entries()) {
      created.push(await fixtures.create('product', { name, sku: `${tag}-${i}`, active: i % 2 === 0 }));
    }
    const list = async (query: string) => {
      const response = await api.request('GET', `/entities/product?${query}`);
      expect(response.status).toBe(200);
      return response.body as { items: { name: string }[]; nextCursor: string | null };
    };
    expect((await list('q=filter&sort=sku')).items.map((p) => p.name)).toEqual([
      'Filter Alpha',
      'Filter Beta',
      'Filter Gamma',
      'Filter Delta',
    ]);
    expect((await list('q=other%20(')).items.map((p) => p.name)).toEqual(['Other (x)']);
    expect((await list('q=.*')).items).toEqual([]);
    expect((await list('active=false&sort=sku')).items.map((p) => p.name)).toEqual([
      'Filter Beta',
      'Filter Delta',
    ]);
    expect(
      (await list(`sku[in]=${String(created[0]!.sku)},${String(created[2]!.sku)}&sort=sku`)).items.map(
        (p) => p.name,
      ),
    ).toEqual(['Filter Alpha', 'Filter Gamma']);
    const first = await list('q=filter&sort=-createdAt&limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(
      `q=filter&sort=-createdAt&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((p) => p.name).sort()).toEqual(names.slice(0, 4).sort());
    const bad = await api.request('GET', '/entities/product?createdAt[gte]=yesterday');
    expect(bad).toMatchObject({ status: 400, body: { error: { details: [{ path: 'createdAt[gte]' }] } } });
    const since = await list(`createdAt[gte]=${encodeURIComponent(String(created[4]!.createdAt))}`);
    expect(since.items.map((p) => p.name)).toContain('Other (x)');
  });
});

describe('change events', () => {
  it('records every write in the version log and lets the dispatcher mark events', async () => {
    const lead = await fixtures.create('lead', { name: 'Event Lead' });
    await api.request('PATCH', `/entities/lead/${lead._id}`, { status: 'contacted' });
    const pending = (await findPendingEvents(api.services.db, { types: ['lead'] })).filter(
      (p) => p.entityId === lead._id,
    );
    expect(pending.map((p) => [p.event.event, p.event.seq, p.event.dispatched])).toEqual([
      ['created', 1, false],
      ['updated', 2, false],
    ]);
    expect(pending[1]!.event).toMatchObject({
      changes: { status: { from: 'new', to: 'contacted' } },
      previous: { ...pending[0]!.record, status: 'new', version: 1 },
      actor: { userId: 'u-admin' },
    });
    expect(pending[1]!.record).toMatchObject({ _id: lead._id, version: 2, status: 'contacted' });
    expect(await markEventDispatched(api.services.db, 'lead', lead._id, pending[0]!.event.id)).toBe(true);
    const left = (await findPendingEvents(api.services.db, { types: ['lead'] })).filter(
      (p) => p.entityId === lead._id,
    );
    expect(left.map((p) => p.event.seq)).toEqual([2]);
    // Marking bumps no version: a client's If-Match stays valid.
    expect(
      (
        await api.request(
          'PATCH',
          `/entities/lead/${lead._id}`,
          { company: 'X' },
          { headers: { 'If-Match': '2' } },
        )
      ).status,
    ).toBe(200);
  });

  it('carries the run id of a workflow write', async () => {
    const { record } = await api.repo.create(
      'lead',
      { name: 'Run Lead' },
      { actor: { userId: 'u-wf' }, roles: ['admin'] as const, runId: 'run-7' },
    );
    const [pending] = (await findPendingEvents(api.services.db, { types: ['lead'] })).filter(
      (p) => p.entityId === record._id,
    );
    expect(pending?.event.runId).toBe('run-7');
  });
});

describe('the OpenAPI document', () => {
  it('is served at /api/openapi.json with the schemas', async () => {
    const response = await api.request('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.components.schemas)).toEqual(
      expect.arrayContaining(['Quote', 'QuoteInput', 'Quote_line', 'Error']),
    );
  });
});
