import { findRelatedDocuments, type RelatedDocument } from '../../../domain/entities';
import { getEntityMeta, type DocumentType } from '../../../schemas';
import { testEnvKeys } from '../../setup/test-env';
import { startEntityApi, type EntityApi } from './entity-api';
import { createFixtures, type Fixtures } from './fixtures';

/*
 * One customer order told as documents, through the API: an opportunity quoted, ordered, shipped,
 * invoiced and paid twice, and the order's shortage raising a requisition that became a purchase
 * order with a goods receipt and a supplier invoice. A second order on the same account stands
 * beside it: master data (the account, the products) joins no chains.
 */

type Doc = Record<string, unknown> & { _id: string };

let api: EntityApi;
let fixtures: Fixtures;
let chain: Record<
  | 'opportunity'
  | 'quote'
  | 'order'
  | 'shipment'
  | 'invoice'
  | 'payment1'
  | 'payment2'
  | 'requisition'
  | 'purchaseOrder'
  | 'receipt'
  | 'supplierInvoice'
  | 'otherOrder'
  | 'otherInvoice',
  Doc
>;

async function patch(type: DocumentType, id: string, changes: Record<string, unknown>): Promise<Doc> {
  const response = await api.request('PATCH', `/entities/${type}/${id}`, changes);
  if (response.status !== 200)
    throw new Error(`patching ${type} gave ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Doc;
}

/** Records a payment against an invoice (a fixture payment would raise an invoice of its own). */
async function pay(invoice: Doc, amount: number): Promise<Doc> {
  const response = await api.request('POST', '/entities/payment', {
    invoiceId: invoice._id,
    accountId: invoice.accountId,
    amount,
    currency: 'EUR',
    method: 'bankTransfer',
    receivedAt: '2026-03-01T10:00:00.000Z',
  });
  if (response.status !== 201)
    throw new Error(`paying gave ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Doc;
}

beforeAll(async () => {
  api = await startEntityApi('related-documents');
  fixtures = createFixtures(api);
  const opportunity = await fixtures.create('opportunity', { name: 'Office refit' });
  const quote = await fixtures.create('quote', { opportunityId: opportunity._id });
  const order = await fixtures.create('salesOrder', { quoteId: quote._id, opportunityId: opportunity._id });
  // The quote names the order made from it too: the walk meets the order from both ends once.
  const quoteOfOrder = await patch('quote', quote._id, { salesOrderId: order._id });
  const shipment = await fixtures.create('shipment', { salesOrderId: order._id });
  const invoice = await fixtures.create('invoice', { salesOrderId: order._id, status: 'issued' });
  const payment1 = await pay(invoice, 500);
  const payment2 = await pay(invoice, 300);
  const requisition = await fixtures.create('purchaseRequisition', { salesOrderId: order._id });
  const purchaseOrder = await fixtures.create('purchaseOrder', { requisitionId: requisition._id });
  const orderedRequisition = await patch('purchaseRequisition', requisition._id, {
    purchaseOrderId: purchaseOrder._id,
  });
  const receipt = await fixtures.create('goodsReceipt', { purchaseOrderId: purchaseOrder._id });
  const supplierInvoice = await fixtures.create('supplierInvoice', { purchaseOrderId: purchaseOrder._id });
  const otherOrder = await fixtures.create('salesOrder');
  const otherInvoice = await fixtures.create('invoice', { salesOrderId: otherOrder._id, status: 'issued' });
  chain = {
    opportunity,
    quote: quoteOfOrder,
    order,
    shipment,
    // The payments moved the invoice on to partly paid.
    invoice: await api.repo.get('invoice', invoice._id),
    payment1,
    payment2,
    requisition: orderedRequisition,
    purchaseOrder,
    receipt,
    supplierInvoice,
    otherOrder,
    otherInvoice,
  };
});

afterAll(async () => {
  await api.close();
});

/** A related document as one line: where it stands, what it is, how far and through which field. */
function line(item: RelatedDocument): string {
  return `${item.relation} ${item.entityType} ${item.title} (${String(item.status)}) depth ${item.depth} via ${item.via.entityType}.${item.via.field}`;
}

/** The line a record of the chain should have. */
function expected(
  relation: 'upstream' | 'downstream',
  type: DocumentType,
  record: Doc,
  depth: number,
  via: string,
): string {
  const meta = getEntityMeta(type);
  const status = meta.status === undefined ? null : record[meta.status.field];
  return `${relation} ${type} ${String(record[meta.titleField])} (${String(status)}) depth ${depth} via ${via}`;
}

async function related(type: DocumentType, id: string, as?: 'viewer') {
  const response = await api.request('GET', `/entities/${type}/${id}/related`, undefined, as && { as: [as] });
  expect(response.status).toBe(200);
  return response.body as { items: RelatedDocument[]; truncated: boolean };
}

/** An expected item: where it stands, its type, which record of the chain, its depth and its link. */
type Row = ['upstream' | 'downstream', DocumentType, keyof typeof chain, number, string];

const chains: { name: string; start: [DocumentType, keyof typeof chain]; rows: Row[] }[] = [
  {
    name: 'a won opportunity lists all it became, in flow order, and nothing of the other order',
    start: ['opportunity', 'opportunity'],
    rows: [
      ['downstream', 'quote', 'quote', 1, 'quote.opportunityId'],
      ['downstream', 'salesOrder', 'order', 1, 'salesOrder.opportunityId'],
      ['downstream', 'shipment', 'shipment', 2, 'shipment.salesOrderId'],
      ['downstream', 'invoice', 'invoice', 2, 'invoice.salesOrderId'],
      ['downstream', 'payment', 'payment1', 3, 'payment.invoiceId'],
      ['downstream', 'payment', 'payment2', 3, 'payment.invoiceId'],
      ['downstream', 'purchaseRequisition', 'requisition', 2, 'purchaseRequisition.salesOrderId'],
      ['downstream', 'purchaseOrder', 'purchaseOrder', 3, 'purchaseRequisition.purchaseOrderId'],
      ['downstream', 'goodsReceipt', 'receipt', 4, 'goodsReceipt.purchaseOrderId'],
      ['downstream', 'supplierInvoice', 'supplierInvoice', 4, 'supplierInvoice.purchaseOrderId'],
    ],
  },
  {
    name: 'an invoice shows back to its order, quote and opportunity and forward to its payments',
    start: ['invoice', 'invoice'],
    rows: [
      ['upstream', 'opportunity', 'opportunity', 2, 'salesOrder.opportunityId'],
      ['upstream', 'quote', 'quote', 2, 'salesOrder.quoteId'],
      ['upstream', 'salesOrder', 'order', 1, 'invoice.salesOrderId'],
      ['downstream', 'payment', 'payment1', 1, 'payment.invoiceId'],
      ['downstream', 'payment', 'payment2', 1, 'payment.invoiceId'],
    ],
  },
  {
    name: 'a payment walks up to the opportunity without its sibling payment or the shipment',
    start: ['payment', 'payment1'],
    rows: [
      ['upstream', 'opportunity', 'opportunity', 3, 'salesOrder.opportunityId'],
      ['upstream', 'quote', 'quote', 3, 'salesOrder.quoteId'],
      ['upstream', 'salesOrder', 'order', 2, 'invoice.salesOrderId'],
      ['upstream', 'invoice', 'invoice', 1, 'payment.invoiceId'],
    ],
  },
  {
    name: 'a purchase order shows its requisition and the customer order behind it, then its receipt and supplier invoice',
    start: ['purchaseOrder', 'purchaseOrder'],
    rows: [
      ['upstream', 'opportunity', 'opportunity', 3, 'salesOrder.opportunityId'],
      ['upstream', 'quote', 'quote', 3, 'salesOrder.quoteId'],
      ['upstream', 'salesOrder', 'order', 2, 'purchaseRequisition.salesOrderId'],
      ['upstream', 'purchaseRequisition', 'requisition', 1, 'purchaseOrder.requisitionId'],
      ['downstream', 'goodsReceipt', 'receipt', 1, 'goodsReceipt.purchaseOrderId'],
      ['downstream', 'supplierInvoice', 'supplierInvoice', 1, 'supplierInvoice.purchaseOrderId'],
    ],
  },
];

describe('GET /entities/:type/:id/related', () => {
  it.each(chains)('$name', async ({ start: [type, key], rows }) => {
    const body = await related(type, chain[key]._id);
    expect(body.items.map(line)).toEqual(
      rows.map(([relation, itemType, record, depth, via]) =>
        expected(relation, itemType, chain[record], depth, via),
      ),
    );
    expect(body.truncated).toBe(false);
  });

  it('names for each document the one it was reached from', async () => {
    const { order, invoice, payment1 } = chain;
    const body = await related('invoice', invoice._id);
    expect(body.items.map((item) => [item.entityType, item.from])).toEqual([
      ['opportunity', { entityType: 'salesOrder', id: order._id }],
      ['quote', { entityType: 'salesOrder', id: order._id }],
      ['salesOrder', { entityType: 'invoice', id: invoice._id }],
      ['payment', { entityType: 'invoice', id: invoice._id }],
      ['payment', { entityType: 'invoice', id: invoice._id }],
    ]);
    expect(body.items[3]?.id).toBe(payment1._id);
  });

  it('gives the second order on the same account only its own invoice', async () => {
    const body = await related('salesOrder', chain.otherOrder._id);
    expect(body).toEqual({
      items: [
        expect.objectContaining({
          entityType: 'invoice',
          id: chain.otherInvoice._id,
          relation: 'downstream',
          depth: 1,
        }),
      ],
      truncated: false,
    });
  });

  it('answers a read-only viewer as it answers an admin', async () => {
    expect(await related('invoice', chain.invoice._id, 'viewer')).toEqual(
      await related('invoice', chain.invoice._id),
    );
  });

  it('gives 404 for an unknown record or type, and 400 naming the path for a bad type or id', async () => {
    expect(await api.request('GET', '/entities/invoice/no-such-invoice/related')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'invoice no-such-invoice does not exist' } },
    });
    expect(await api.request('GET', '/entities/widget/w1/related')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'unknown entity type widget' } },
    });
    const product = await fixtures.shared('product');
    expect(await api.request('GET', `/entities/product/${product}/related`)).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'product records have no related documents',
          details: [
            {
              path: 'type',
              message:
                'must be one of opportunity, quote, salesOrder, shipment, invoice, payment, purchaseRequisition, purchaseOrder, goodsReceipt, supplierInvoice',
            },
          ],
        },
      },
    });
    expect(
      await api.request('GET', `/entities/invoice/${encodeURIComponent('bad id!')}/related`),
    ).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          details: [{ path: 'id', message: 'must be 1 to 200 letters, digits, _ . : or -' }],
        },
      },
    });
  });

  it('keeps the account route the customer 360', async () => {
    const account = String(chain.invoice.accountId);
    const response = await api.request('GET', `/entities/account/${account}/related`);
    expect(response.status).toBe(200);
    expect(response.body.account._id).toBe(account);
    expect(response.body.items).toBeUndefined();
  });
});

describe('bounds', () => {
  it('caps each type: an invoice with 26 more payments lists 25 and says it was cut', async () => {
    const invoice = await fixtures.create('invoice', { status: 'issued' });
    for (let i = 0; i < 26; i++) await pay(invoice, 10);
    const body = await related('invoice', invoice._id);
    expect(body.items).toHaveLength(25);
    expect(new Set(body.items.map((item) => `${item.relation} ${item.entityType}`))).toEqual(
      new Set(['downstream payment']),
    );
    expect(body.truncated).toBe(true);
  });

  it('stops at the depth limit and says so', async () => {
    const invoice = await api.repo.get('invoice', chain.invoice._id);
    const shallow = await findRelatedDocuments(api.services.db, 'invoice', invoice, {
      limits: { maxDepth: 1, perType: 25 },
    });
    expect(shallow.items.map((item) => `${item.relation} ${item.entityType} ${item.depth}`)).toEqual([
      'upstream salesOrder 1',
      'downstream payment 1',
      'downstream payment 1',
    ]);
    expect(shallow.truncated).toBe(true);
    const capped = await findRelatedDocuments(api.services.db, 'invoice', invoice, {
      limits: { maxDepth: 8, perType: 1 },
    });
    expect(capped.items.map((item) => item.entityType)).toEqual([
      'opportunity',
      'quote',
      'salesOrder',
      'payment',
    ]);
    expect(capped.truncated).toBe(true);
  });

  it('neither lists nor walks through a type the caller may not read', async () => {
    const invoice = await api.repo.get('invoice', chain.invoice._id);
    const body = await findRelatedDocuments(api.services.db, 'invoice', invoice, {
      canRead: (type) => type !== 'salesOrder',
    });
    expect(body.items.map((item) => item.entityType)).toEqual(['payment', 'payment']);
  });

  it('leaves archived documents out', async () => {
    const payment3 = await pay(chain.invoice, 100);
    expect((await related('invoice', chain.invoice._id)).items.map((item) => item.id)).toContain(
      payment3._id,
    );
    expect((await api.request('DELETE', `/entities/payment/${payment3._id}`)).status).toBe(200);
    expect((await related('invoice', chain.invoice._id)).items.map((item) => item.id)).not.toContain(
      payment3._id,
    );
  });

  it('finds the documents that point at a record through an index', async () => {
    const command = {
      explain: { find: 'invoice', filter: { salesOrderId: chain.order._id, archived: false } },
    };
    const plan = JSON.stringify((await api.services.db.command(command)).queryPlanner);
    if (process.env[testEnvKeys.store] === 'ferretdb') {
      expect(plan).toMatch(/USING INDEX \S+_ref_salesOrderId/);
      expect(plan).not.toMatch(/SCAN/);
    } else {
      expect(plan).toMatch(/IXSCAN/);
    }
  });
});
