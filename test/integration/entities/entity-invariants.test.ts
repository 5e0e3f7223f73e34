import { reserveStock, releaseStock, InvariantError } from '../../../domain/entities';
import { versionLog } from '../../../domain/entities';
import { detailPaths, startEntityApi, type EntityApi } from './entity-api';
import { createFixtures, type Fixtures } from './fixtures';

let api: EntityApi;
let fixtures: Fixtures;
beforeAll(async () => {
  api = await startEntityApi('entity-invariants');
  fixtures = createFixtures(api);
});
afterAll(async () => {
  await api.close();
});
const actor = { actor: { userId: 'u-worker' }, roles: ['admin'] as const };

describe('gapless numbering', () => {
  it('gives 50 concurrent quotes the numbers QUO-<year>-000001 to 000050', async () => {
    const body = await fixtures.build('quote');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api.request('POST', '/entities/quote', body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
    const year = new Date().getUTCFullYear();
    const expected = Array.from({ length: 50 }, (_, i) => `QUO-${year}-${String(i + 1).padStart(6, '0')}`);
    expect(responses.map((r) => r.body.number as string).sort()).toEqual(expected);
  });

  it('takes no number for a create that fails validation', async () => {
    const year = new Date().getUTCFullYear();
    const bad = await api.request('POST', '/entities/purchaseOrder', {
      supplierId: 'missing',
      currency: 'EUR',
    });
    expect(bad.status).toBe(422);
    const good = await fixtures.create('purchaseOrder');
    expect(good.number).toBe(`PO-${year}-000001`);
  });
});

describe('stock reservations', () => {
  it('never oversell: 20 parallel reservations of 1 against 15 on hand leave exactly 15 reserved', async () => {
    const item = await fixtures.create('stockItem', { onHand: 15 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => reserveStock(api.repo, item._id, 1, actor)),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(15);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(InvariantError);
      expect((r.reason as Error).message).toBe('cannot reserve 1: only 0 available');
    }
    const stored = await api.request('GET', `/entities/stockItem/${item._id}`);
    expect(stored.body).toMatchObject({ onHand: 15, reserved: 15, available: 0, version: 16 });
  });

  it('applies a retried reservation with the same idempotency key once', async () => {
    const item = await fixtures.create('stockItem', { onHand: 10 });
    const ctx = { ...actor, idempotencyKey: 'wf-1/reserve/1' };
    await Promise.all([reserveStock(api.repo, item._id, 4, ctx), reserveStock(api.repo, item._id, 4, ctx)]);
    await reserveStock(api.repo, item._id, 4, ctx);
    expect(await api.repo.get('stockItem', item._id)).toMatchObject({
      reserved: 4,
      available: 6,
      version: 2,
    });
    await expect(releaseStock(api.repo, item._id, 5, actor)).rejects.toThrow(
      'cannot release 5: only 4 reserved',
    );
  });

  it('refuses a stock item whose reserved exceeds onHand with 422', async () => {
    const item = await fixtures.create('stockItem', { onHand: 3 });
    const response = await api.request('PATCH', `/entities/stockItem/${item._id}`, { reserved: 4 });
    expect(response).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'unprocessable',
          details: [{ path: 'reserved', message: 'reserved (4) cannot exceed onHand (3)' }],
        },
      },
    });
  });
});

describe('computed fields', () => {
  it('ignores client totals and recomputes them on create and patch', async () => {
    const body: Record<string, unknown> = {
      ...(await fixtures.build('salesOrder')),
      subtotal: 1,
      total: 999999,
      taxTotal: 5,
      available: 3,
    };
    body.lines = [
      { ...(body.lines as object[])[0], quantity: 3, unitPrice: 999, discountBp: 1000, lineTotal: 1 },
    ];
    const created = await api.request('POST', '/entities/salesOrder', body);
    expect(created.status).toBe(400); // `available` is no salesOrder field at all
    expect(created.body.error.details).toEqual([
      { path: 'available', message: 'is not an allowed property' },
    ]);
    delete body.available;
    const ok = await api.request('POST', '/entities/salesOrder', body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ subtotal: 2997, discountTotal: 300, taxTotal: 512, total: 3209 });
    expect(ok.body.lines[0].lineTotal).toBe(2697);
    const patched = await api.request('PATCH', `/entities/salesOrder/${ok.body._id}`, {
      total: 1,
      discountBp: 10000,
    });
    expect(patched.body).toMatchObject({ subtotal: 2997, discountTotal: 2997, taxTotal: 0, total: 0 });
  });
});

describe('status transitions', () => {
  it('refuses a forbidden move with 422 naming the allowed targets', async () => {
    const invoice = await fixtures.create('invoice');
    const response = await api.request('PATCH', `/entities/invoice/${invoice._id}`, { status: 'paid' });
    expect(response).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'unprocessable',
          message: 'invoice status cannot change from draft to paid; allowed: issued, cancelled',
          details: [{ path: 'status' }],
        },
      },
    });
  });

  it('refuses a forbidden initial status', async () => {
    const response = await api.request('POST', '/entities/quote', {
      ...(await fixtures.build('quote')),
      status: 'accepted',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe('a new quote cannot have status accepted; allowed: draft');
  });
});

describe('optimistic concurrency', () => {
  it('answers 412 for a stale If-Match and accepts 3, "3" and W/"3"', async () => {
    const account = await fixtures.create('account');
    const path = `/entities/account/${account._id}`;
    expect((await api.request('PATCH', path, { phone: '1' }, { headers: { 'If-Match': '1' } })).status).toBe(
      200,
    );
    expect(
      (await api.request('PATCH', path, { phone: '2' }, { headers: { 'If-Match': '"2"' } })).status,
    ).toBe(200);
    expect(
      (await api.request('PATCH', path, { phone: '3' }, { headers: { 'If-Match': 'W/"3"' } })).status,
    ).toBe(200);
    const stale = await api.request('PATCH', path, { phone: '4' }, { headers: { 'If-Match': '"2"' } });
    expect(stale).toMatchObject({
      status: 412,
      body: {
        error: {
          code: 'precondition_failed',
          message: `account ${account._id} is at version 4, not 2; reload and retry`,
        },
      },
    });
    const bad = await api.request('PATCH', path, { phone: '4' }, { headers: { 'If-Match': 'yesterday' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { details: [{ path: 'If-Match' }] } } });
  });
});

describe('concurrent updates', () => {
  it('loses no update: 20 concurrent patches of different fields all land, one version each', async () => {
    const order = await fixtures.create('salesOrder');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request('PATCH', `/entities/salesOrder/${order._id}`, { notes: `note ${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(new Set(responses.map((r) => r.body.version as number))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => i + 2)),
    );
    const versions = await versionLog(api.services.db)
      .find({ type: 'salesOrder', entityId: order._id })
      .toArray();
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    // Every note written is in exactly one version: no update was lost.
    expect(new Set(versions.flatMap((v) => (v.version === 1 ? [] : [v.record.notes])))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => `note ${i}`)),
    );
  });

  it('lets exactly one of 20 patches with the same If-Match win; the rest get 412', async () => {
    const account = await fixtures.create('account');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request(
          'PATCH',
          `/entities/account/${account._id}`,
          { phone: String(i) },
          { headers: { 'If-Match': '1' } },
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array.from({ length: 19 }, () => 412)]);
  });

  it('reads a version a crashed writer committed but never projected, and writes on top of it', async () => {
    const account = await fixtures.create('account');
    const head = await versionLog(api.services.db).findOne({ _id: `account/${account._id}@1` });
    // What a writer killed between its insert and its projection leaves: version 2 only in the log.
    await versionLog(api.services.db).insertOne({
      ...head!,
      _id: `account/${account._id}@2`,
      version: 2,
      kind: 'updated',
      record: { ...head!.record, version: 2, phone: 'from the log' },
      changes: { phone: { to: 'from the log' } },
      eventId: `${account._id}-crashed`,
      claim: `account/${account._id}@2`,
    });
    expect(await api.request('GET', `/entities/account/${account._id}`)).toMatchObject({
      status: 200,
      body: { version: 2, phone: 'from the log' },
    });
    const response = await api.request(
      'PATCH',
      `/entities/account/${account._id}`,
      { website: 'https://example.com' },
      { headers: { 'If-Match': '2' } },
    );
    expect(response).toMatchObject({ status: 200, body: { version: 3, phone: 'from the log' } });
  });
});

describe('unique keys', () => {
  it('answers 409 naming the field for a duplicate sku and warehouse code', async () => {
    const product = await fixtures.create('product');
    const again = await api.request('POST', '/entities/product', {
      ...(await fixtures.build('product')),
      sku: product.sku,
    });
    expect(again).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          details: [
            {
              path: 'sku',
              message: `sku ${JSON.stringify(product.sku)} is already taken by ${String(product.name)}`,
            },
          ],
        },
      },
    });
    const warehouse = await fixtures.create('warehouse');
    const other = await fixtures.create('warehouse');
    const patch = await api.request('PATCH', `/entities/warehouse/${other._id}`, { code: warehouse.code });
    expect(patch).toMatchObject({ status: 409, body: { error: { details: [{ path: 'code' }] } } });
  });

  it('answers 409 for a compound key: one supplier reference per supplier', async () => {
    const bill = await fixtures.create('supplierInvoice');
    const again = await api.request('POST', '/entities/supplierInvoice', {
      ...(await fixtures.build('supplierInvoice')),
      supplierReference: bill.supplierReference,
    });
    expect(again.status).toBe(409);
    expect(detailPaths(again.body)).toEqual(['supplierId', 'supplierReference']);
  });
});

describe('references', () => {
  it('refuses missing and archived references with 422 and the path', async () => {
    const product = await fixtures.create('product');
    await api.request('DELETE', `/entities/product/${product._id}`);
    const body = await fixtures.build('quote');
    const response = await api.request('POST', '/entities/quote', {
      ...body,
      contactId: 'no-such-contact',
      lines: [(body.lines as object[])[0], { productId: product._id, quantity: 1, unitPrice: 5 }],
    });
    expect(response).toMatchObject({ status: 422, body: { error: { code: 'unprocessable' } } });
    expect(response.body.error.details).toEqual([
      { path: 'contactId', message: 'contact no-such-contact does not exist' },
      { path: 'lines.1.productId', message: `product ${product._id} is archived` },
    ]);
  });
});

describe('invoice payments', () => {
  it('derives amountPaid and status from payments and refuses overpayment', async () => {
    const invoice = await fixtures.create('invoice', { status: 'issued' });
    expect(invoice).toMatchObject({ total: 2380, amountPaid: 0, amountDue: 2380, status: 'issued' });
    const payment = {
      invoiceId: invoice._id,
      accountId: invoice.accountId,
      amount: 1000,
      currency: 'EUR',
      method: 'card',
      receivedAt: '2026-03-01T10:00:00.000Z',
    };
    expect((await api.request('POST', '/entities/payment', payment)).status).toBe(201);
    expect((await api.request('GET', `/entities/invoice/${invoice._id}`)).body).toMatchObject({
      amountPaid: 1000,
      amountDue: 1380,
      status: 'partiallyPaid',
      version: 2,
    });
    const over = await api.request('POST', '/entities/payment', { ...payment, amount: 1381 });
    expect(over).toMatchObject({
      status: 422,
      body: {
        error: { message: 'payment of 1381 exceeds the amount due of 1380', details: [{ path: 'amount' }] },
      },
    });
    const other = await fixtures.create('account');
    const wrongAccount = await api.request('POST', '/entities/payment', { ...payment, accountId: other._id });
    expect(wrongAccount.status).toBe(422);
    expect(wrongAccount.body.error.details).toEqual([
      { path: 'accountId', message: `must be the invoice's account ${String(invoice.accountId)}` },
    ]);
    const rest = await api.request('POST', '/entities/payment', { ...payment, amount: 1380 });
    expect((await api.request('GET', `/entities/invoice/${invoice._id}`)).body).toMatchObject({
      amountPaid: 2380,
      status: 'paid',
    });
    await api.request('PATCH', `/entities/payment/${rest.body._id}`, { status: 'refunded' });
    expect((await api.request('GET', `/entities/invoice/${invoice._id}`)).body).toMatchObject({
      amountPaid: 1000,
      status: 'partiallyPaid',
    });
  });
});

describe('idempotency keys', () => {
  it('creates once and updates once per key', async () => {
    const body = await fixtures.build('ticket');
    const ctx = { ...actor, idempotencyKey: 'wf-9/create-ticket/1' };
    const [a, b] = await Promise.all([
      api.repo.create('ticket', body, ctx),
      api.repo.create('ticket', body, ctx),
    ]);
    expect(a.record._id).toBe(b.record._id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(
      (
        await api.repo.list('ticket', {
          filters: [{ field: 'number', op: 'eq', value: String(a.record.number) }],
        })
      ).items,
    ).toHaveLength(1);
    const updateCtx = { ...actor, idempotencyKey: 'wf-9/update-ticket/1' };
    await api.repo.update('ticket', a.record._id, { description: 'x' }, {}, updateCtx);
    const again = await api.repo.update('ticket', a.record._id, { description: 'y' }, {}, updateCtx);
    expect(again).toMatchObject({ version: 2, description: 'x' });
  });
});

describe('request limits', () => {
  it('answers 413 for a body over 1 MB', async () => {
    const response = await api.request('POST', '/entities/account', undefined, {
      raw: JSON.stringify({ name: 'x', currency: 'EUR', description: 'x'.repeat(1_100_000) }),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });
});
