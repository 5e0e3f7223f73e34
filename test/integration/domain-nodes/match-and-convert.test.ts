import { convertLead } from '../../../domain/crm';
import { createEntityRepository } from '../../../domain/entities';
import { threeWayMatch } from '../../../domain/erp';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { createCompany, keyed, sentPurchaseOrder, testActor, type Company } from './company';

let services: TestServices;
let c: Company;
beforeAll(async () => {
  services = await connectTestServices('domain-match-convert');
  c = await createCompany(createEntityRepository(services.db));
});
afterAll(() => services.close());

/** A sent purchase order for 10 desks at 27000 and 4 chairs at 7200, with a 5% line discount on chairs. */
function purchaseOrder() {
  return sentPurchaseOrder(c, [
    { productId: c.desk._id, quantity: 10, unitPrice: 27000, taxRateBp: 1900 },
    { productId: c.chair._id, quantity: 4, unitPrice: 7200, discountBp: 500, taxRateBp: 1900 },
  ]);
}

function receipt(poId: string, lines: [string, number, number?][], status = 'posted') {
  return c.create('goodsReceipt', {
    purchaseOrderId: poId,
    warehouseId: c.main._id,
    status,
    lines: lines.map(([productId, receivedQuantity, rejectedQuantity]) => ({
      productId,
      receivedQuantity,
      ...(rejectedQuantity === undefined ? {} : { rejectedQuantity }),
    })),
  });
}

let billNo = 0;
function bill(poId: string, lines: [string, number, number, number?][], extra: Record<string, unknown> = {}) {
  return c.create('supplierInvoice', {
    supplierId: c.supplier._id,
    supplierReference: `BILL-${billNo++}`,
    purchaseOrderId: poId,
    currency: 'EUR',
    lines: lines.map(([productId, quantity, unitPrice, discountBp]) => ({
      productId,
      quantity,
      unitPrice,
      taxRateBp: 1900,
      ...(discountBp === undefined ? {} : { discountBp }),
    })),
    ...extra,
  });
}

describe('erp.threeWayMatch', () => {
  it('matches an invoice for what was ordered and received across posted receipts', async () => {
    const po = await purchaseOrder();
    const first = await receipt(po._id, [[c.desk._id, 6]]);
    const second = await receipt(po._id, [
      [c.desk._id, 5, 1],
      [c.chair._id, 4],
    ]);
    await receipt(po._id, [[c.desk._id, 50]], 'draft'); // not posted: does not count
    const invoice = await bill(po._id, [
      [c.desk._id, 10, 27000],
      [c.chair._id, 4, 7200, 500],
    ]);
    expect(await threeWayMatch(c.repo, { purchaseOrderId: po._id, supplierInvoiceId: invoice._id })).toEqual({
      matched: true,
      discrepancies: [],
      reasons: [],
      lines: [
        {
          productId: c.desk._id,
          ordered: 10,
          received: 10,
          invoiced: 10,
          orderedUnitPrice: 27000,
          invoicedUnitPrice: 27000,
        },
        {
          productId: c.chair._id,
          ordered: 4,
          received: 4,
          invoiced: 4,
          orderedUnitPrice: 6840,
          invoicedUnitPrice: 6840,
        },
      ],
      purchaseOrderId: po._id,
      supplierInvoiceId: invoice._id,
      goodsReceiptIds: [first._id, second._id],
    });
  });

  it('passes at the tolerances and gives every reason one step past them', async () => {
    const po = await purchaseOrder();
    await receipt(po._id, [
      [c.desk._id, 10],
      [c.chair._id, 4],
    ]);
    const edge = await bill(po._id, [
      [c.desk._id, 11, 27540], // +10% quantity, +2% price
      [c.chair._id, 4, 7200, 500],
    ]);
    const tolerances = { quantityToleranceBp: 1000, priceToleranceBp: 200 };
    expect(
      await threeWayMatch(c.repo, { purchaseOrderId: po._id, supplierInvoiceId: edge._id, ...tolerances }),
    ).toMatchObject({ matched: true, reasons: [] });
    const past = await bill(po._id, [
      [c.desk._id, 12, 27541],
      [c.lamp._id, 1, 1800],
    ]);
    const result = await threeWayMatch(c.repo, {
      purchaseOrderId: po._id,
      supplierInvoiceId: past._id,
      ...tolerances,
    });
    expect(result.matched).toBe(false);
    expect(result.reasons).toEqual([
      `${String(c.desk.sku)}: invoiced 12, more than the 10 ordered and received by more than 10%`,
      `${String(c.desk.sku)}: invoiced net unit price 27541 differs from the ordered 27000 by more than 2%`,
      `${String(c.lamp.sku)}: invoiced 1 but not on the purchase order`,
    ]);
  });

  it('matches against one named receipt, and refuses receipts and invoices of other orders', async () => {
    const po = await purchaseOrder();
    const other = await purchaseOrder();
    const partial = await receipt(po._id, [[c.desk._id, 4]]);
    await receipt(po._id, [[c.desk._id, 6]]);
    const invoice = await bill(po._id, [[c.desk._id, 10, 27000]]);
    const one = await threeWayMatch(c.repo, {
      purchaseOrderId: po._id,
      goodsReceiptId: partial._id,
      supplierInvoiceId: invoice._id,
    });
    expect(one.discrepancies.map((d) => [d.kind, d.expected, d.actual])).toEqual([['quantity', 4, 10]]);
    await expect(
      threeWayMatch(c.repo, { purchaseOrderId: other._id, supplierInvoiceId: invoice._id }),
    ).rejects.toMatchObject({
      message: `supplier invoice ${String(invoice.number)} belongs to purchase order ${po._id}, not ${String(other.number)}`,
      details: [
        {
          path: 'params.supplierInvoiceId',
          message: `belongs to purchase order ${po._id}, not ${String(other.number)}`,
        },
      ],
    });
    const draft = await receipt(po._id, [[c.desk._id, 1]], 'draft');
    await expect(
      threeWayMatch(c.repo, {
        purchaseOrderId: po._id,
        goodsReceiptId: draft._id,
        supplierInvoiceId: invoice._id,
      }),
    ).rejects.toThrow(`goods receipt ${String(draft.number)} is draft; only posted receipts count`);
  });
});

describe('crm.convertLead', () => {
  async function lead(extra: Record<string, unknown> = {}, without: string[] = []) {
    const data: Record<string, unknown> = {
      name: 'Grace Hopper',
      company: `Compilers ${billNo++} Inc`,
      email: `grace${billNo}@compilers.example`,
      jobTitle: 'Rear Admiral',
      estimatedValue: 400000,
      currency: 'USD',
      source: 'referral',
      ...extra,
    };
    for (const key of without) delete data[key];
    return c.create('lead', data);
  }

  it('turns a lead into an account, a contact and an opportunity, and marks it converted', async () => {
    const record = await lead();
    const now = () => new Date('2026-05-20T09:00:00.000Z');
    const result = await convertLead(
      c.repo,
      { leadId: record._id, createOpportunity: true },
      keyed('conv/1'),
      now,
    );
    const account = await c.repo.get('account', result.accountId);
    const contact = await c.repo.get('contact', result.contactId);
    const opportunity = await c.repo.get('opportunity', result.opportunityId as string);
    expect(account).toMatchObject({ name: record.company, type: 'prospect', currency: 'USD' });
    expect(contact).toMatchObject({
      name: 'Grace Hopper',
      accountId: account._id,
      isPrimary: true,
      email: record.email,
    });
    expect(opportunity).toMatchObject({
      accountId: account._id,
      contactId: contact._id,
      leadId: record._id,
      stage: 'prospecting',
      amount: 400000,
      currency: 'USD',
      source: 'referral',
    });
    expect(await c.repo.get('lead', record._id)).toMatchObject({
      status: 'converted',
      convertedAccountId: account._id,
      convertedContactId: contact._id,
      convertedOpportunityId: opportunity._id,
      convertedAt: '2026-05-20T09:00:00.000Z',
    });
  });

  it('creates no duplicates on retry, even retries racing each other', async () => {
    const record = await lead();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        convertLead(c.repo, { leadId: record._id, createOpportunity: true }, keyed('conv/race')),
      ),
    );
    expect(
      new Set(results.map((r) => JSON.stringify([r.accountId, r.contactId, r.opportunityId]))).size,
    ).toBe(1);
    const again = await convertLead(
      c.repo,
      { leadId: record._id, createOpportunity: true },
      keyed('conv/race'),
    );
    expect(again).toMatchObject({ accountId: results[0]!.accountId, contactId: results[0]!.contactId });
    expect(await services.db.collection('account').countDocuments({ name: record.company })).toBe(1);
    expect(await services.db.collection('opportunity').countDocuments({ leadId: record._id })).toBe(1);
    const contacts = await c.repo.list('contact', {
      filters: [{ field: 'accountId', op: 'eq', value: results[0]!.accountId }],
    });
    expect(contacts.items).toHaveLength(1);
  });

  it('attaches to an existing account, and refuses a lead converted by another conversion', async () => {
    const record = await lead({ status: 'new', name: 'Katherine Johnson', email: 'katherine@nasa.example' });
    const result = await convertLead(
      c.repo,
      { leadId: record._id, accountId: c.account._id },
      keyed('conv/attach'),
    );
    expect(result).toEqual({
      leadId: record._id,
      accountId: c.account._id,
      contactId: expect.any(String),
      opportunityId: null,
      possibleDuplicates: [],
    });
    expect(await c.repo.get('contact', result.contactId)).toMatchObject({
      accountId: c.account._id,
      isPrimary: false,
    });
    await expect(convertLead(c.repo, { leadId: record._id }, keyed('conv/other'))).rejects.toMatchObject({
      message: `lead Katherine Johnson was already converted to account ${c.account._id}`,
      details: [{ path: 'params.leadId', message: `was already converted to account ${c.account._id}` }],
    });
  });

  it('needs a currency for a new account, and an open lead', async () => {
    const noCurrency = await lead({}, ['currency', 'estimatedValue']);
    await expect(convertLead(c.repo, { leadId: noCurrency._id }, keyed('conv/cur'))).rejects.toMatchObject({
      details: [{ path: 'params.currency', message: 'is needed because the lead has no currency' }],
    });
    const disqualified = await lead();
    await c.repo.update('lead', disqualified._id, { status: 'disqualified' }, {}, testActor);
    await expect(convertLead(c.repo, { leadId: disqualified._id }, keyed('conv/dq'))).rejects.toThrow(
      'lead Grace Hopper is disqualified; only an open lead can be converted',
    );
  });
});
