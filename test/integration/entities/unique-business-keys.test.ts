import { backfillKeyClaims, createEntityRepository, DuplicateKeyError } from '../../../domain/entities';
import { createInvoiceFromOrder } from '../../../domain/erp';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { graph, runInput, startRun } from '../engine/engine-harness';
import { createCompany, keyed, orderFor, testActor, type Company } from '../domain-nodes/company';

/*
 * "Exactly one" business rules are unique keys the store enforces: declared in the schemas
 * (x-unique-keys, with conditions) or named by a find-or-create, claimed by one atomic insert, so of
 * any number of racing writers one wins and the others are refused naming the winner.
 */

let services: TestServices;
let c: Company;
beforeAll(async () => {
  services = await connectTestServices('unique-business-keys');
  c = await createCompany(createEntityRepository(services.db), { desk: 50 });
});
afterAll(() => services.close());

const fixedNow = () => new Date('2026-05-20T15:00:00.000Z');

async function newestInvoiceNumber(): Promise<number> {
  const { items } = await c.repo.list('invoice', { sort: { field: 'number', direction: -1 }, limit: 1 });
  const newest = items[0]?.number;
  return typeof newest === 'string' ? Number(newest.slice(-6)) : 0;
}

function settledSplit<T>(results: PromiseSettledResult<T>[]) {
  const won = results
    .filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled')
    .map((r) => r.value);
  const lost = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r): unknown => r.reason);
  return { won, lost };
}

describe('one invoice per sales order', () => {
  it('of 10 racing invoices of one order one wins, the rest are refused naming it, and no number is lost', async () => {
    const order = await orderFor(c, [[c.desk, 1]]);
    const last = await newestInvoiceNumber();
    const { won, lost } = settledSplit(
      await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          createInvoiceFromOrder(c.repo, { salesOrderId: order._id }, keyed(`race/${i}`), fixedNow),
        ),
      ),
    );
    expect(won).toHaveLength(1);
    const winner = won[0]!;
    expect(lost).toHaveLength(9);
    for (const error of lost) {
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(error).toMatchObject({
        message: `sales order ${String(order.number)} is already invoiced by ${String(winner.number)}`,
        details: [
          { path: 'params.salesOrderId', message: `is already invoiced by ${String(winner.number)}` },
        ],
        holders: [{ key: 'salesOrderId', id: winner._id, title: winner.number }],
      });
    }
    expect(Number(String(winner.number).slice(-6))).toBe(last + 1);
    const invoices = await c.repo.list('invoice', {
      filters: [{ field: 'salesOrderId', op: 'eq', value: order._id }],
    });
    expect(invoices.items.map((invoice) => invoice._id)).toEqual([winner._id]);

    // A cancelled invoice gives way to a new one, which takes the next number.
    await c.repo.update('invoice', winner._id, { status: 'cancelled' }, {}, testActor);
    const second = await createInvoiceFromOrder(
      c.repo,
      { salesOrderId: order._id },
      keyed('race/again'),
      fixedNow,
    );
    expect(Number(String(second.number).slice(-6))).toBe(last + 2);
  });

  it('a plain API-style create of a second live invoice for the order is refused too', async () => {
    const order = await orderFor(c, [[c.desk, 1]]);
    const first = await createInvoiceFromOrder(
      c.repo,
      { salesOrderId: order._id },
      keyed('plain/1'),
      fixedNow,
    );
    await expect(
      c.create('invoice', {
        accountId: c.account._id,
        salesOrderId: order._id,
        currency: 'EUR',
        lines: [{ productId: c.desk._id, quantity: 1, unitPrice: 100 }],
      }),
    ).rejects.toMatchObject({
      message: `another invoice already has this salesOrderId: ${String(first.number)}`,
      details: [
        {
          path: 'salesOrderId',
          message: `salesOrderId "${order._id}" is already taken by ${String(first.number)}`,
        },
      ],
    });
  });

  it('binds invoices stored before the key was declared, once the claims are back-filled', async () => {
    const order = await orderFor(c, [[c.desk, 1]]);
    const first = await createInvoiceFromOrder(c.repo, { salesOrderId: order._id }, keyed('old/1'), fixedNow);
    // As a store written before the key existed: no claim, no back-fill mark.
    await services.db
      .collection('entityKeys')
      .deleteMany({ _id: { $regex: `^invoice\\|salesOrderId\\|\\["${order._id}"\\]` } } as never);
    await services.db
      .collection('migrations')
      .deleteMany({ _id: { $regex: '^unique-key:invoice:' } } as never);
    expect(await backfillKeyClaims(services.db, ['invoice'])).toBeGreaterThanOrEqual(1);
    await expect(
      createInvoiceFromOrder(c.repo, { salesOrderId: order._id }, keyed('old/2'), fixedNow),
    ).rejects.toThrow(`sales order ${String(order.number)} is already invoiced by ${String(first.number)}`);
    // Marked done: a second back-fill reads nothing.
    expect(await backfillKeyClaims(services.db, ['invoice'])).toBe(0);
  });
});

describe('one live payment per external reference', () => {
  it('of 8 racing payments with one bank reference one is recorded; a failed payment frees its reference', async () => {
    const order = await orderFor(c, [[c.desk, 1]]);
    const invoice = await createInvoiceFromOrder(
      c.repo,
      { salesOrderId: order._id, status: 'issued' },
      keyed('pay/inv'),
      fixedNow,
    );
    const payment = (i: number, reference: string, status = 'received') =>
      c.repo.create(
        'payment',
        {
          invoiceId: invoice._id,
          accountId: c.account._id,
          amount: 100,
          currency: 'EUR',
          method: 'bankTransfer',
          receivedAt: '2026-05-21T10:00:00.000Z',
          reference,
          status,
        },
        { actor: { userId: `clerk-${i}` }, roles: ['admin'] },
      );
    const reference = `BANK-TX-${order._id}`;
    const { won, lost } = settledSplit(
      await Promise.allSettled(Array.from({ length: 8 }, (_, i) => payment(i, reference))),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const error of lost) {
      expect(error).toMatchObject({ holders: [{ key: 'reference', id: won[0]!.record._id }] });
    }
    expect((await c.repo.get('invoice', invoice._id)).amountPaid).toBe(100);
    // A refunded payment still holds its reference.
    await c.repo.update('payment', won[0]!.record._id, { status: 'refunded' }, {}, testActor);
    await expect(payment(9, reference)).rejects.toBeInstanceOf(DuplicateKeyError);

    // A failed one frees it.
    const retried = `${reference}-2`;
    const pending = await payment(10, retried, 'pending');
    await expect(payment(11, retried)).rejects.toBeInstanceOf(DuplicateKeyError);
    await c.repo.update('payment', pending.record._id, { status: 'failed' }, {}, testActor);
    expect((await payment(12, retried)).created).toBe(true);
  });
});

describe('find-or-create', () => {
  it('20 racing find-or-creates of one email in any case make one lead; all return it', async () => {
    const emails = ['Ada@Example.com', 'ada@example.com', ' ADA@EXAMPLE.COM ', 'ada@Example.COM'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.repo.findOrCreate(
          'lead',
          { name: `Ada ${i}`, email: emails[i % emails.length]!.trim(), source: 'website' },
          { fields: ['email'], caseInsensitive: true },
          { actor: { userId: `hook-${i}` }, roles: ['admin'], idempotencyKey: `intake/${i}` },
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const id = results.find((r) => r.created)!.record._id;
    expect(new Set(results.map((r) => r.record._id))).toEqual(new Set([id]));
    const leads = await services.db
      .collection('lead')
      .find({ email: { $regex: '^ada@example\\.com$', $options: 'i' } })
      .toArray();
    expect(leads.map((lead) => lead._id)).toEqual([id]);

    // An archived lead no longer matches: the next find-or-create makes a new one.
    await c.repo.archive('lead', id, {}, testActor);
    const after = await c.repo.findOrCreate(
      'lead',
      { name: 'Ada again', email: 'ada@example.com', source: 'website' },
      { fields: ['email'], caseInsensitive: true },
      testActor,
    );
    expect(after.created).toBe(true);
    expect(after.record._id).not.toBe(id);
  });

  it('refuses a match field the data does not set, naming it', async () => {
    await expect(
      c.repo.findOrCreate('lead', { name: 'No email' }, { fields: ['email'] }, testActor),
    ).rejects.toMatchObject({
      message: 'invalid lead match',
      details: [{ path: 'email', message: 'a find-or-create needs a text, number or boolean value here' }],
    });
  });

  it('entity.upsert in 10 racing runs creates one contact and tells each run whether it did', async () => {
    const definition = graph(
      'Contact intake',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'contact',
          type: 'entity.upsert',
          params: {
            entityType: 'contact',
            match: ['email'],
            caseInsensitive: true,
            data: { name: '=$input.name', email: '=$input.email', accountId: c.account._id },
          },
        },
        {
          id: 'end',
          type: 'flow.end',
          params: { output: { created: '=$nodes.contact.created', id: '=$nodes.contact.record._id' } },
        },
      ],
      ['start->contact', 'contact->end'],
    );
    const outputs = await services.withWorker(() =>
      Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const handle = await startRun(
            services,
            runInput(definition, {
              name: `Grace ${i}`,
              email: i % 2 === 0 ? 'grace@navy.example' : 'GRACE@navy.example',
            }),
          );
          return (await handle.result()) as { created: boolean; id: string };
        }),
      ),
    );
    expect(outputs.filter((o) => o.created)).toHaveLength(1);
    const ids = new Set(outputs.map((o) => o.id));
    expect(ids.size).toBe(1);
    const contacts = await services.db
      .collection('contact')
      .find({ email: { $regex: '^grace@navy\\.example$', $options: 'i' } })
      .toArray();
    expect(contacts.map((contact) => contact._id as unknown as string)).toEqual([...ids]);
  });
});
