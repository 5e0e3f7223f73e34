import path from 'node:path';
import type { Page } from 'playwright-core';
import type { EntityRecord } from '../../domain/entities';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let finished = false;
let chain: Record<'opportunity' | 'quote' | 'order' | 'shipment' | 'invoice' | 'payment', EntityRecord>;

/** A won deal as its documents: quoted, ordered, shipping, invoiced and partly paid. */
async function seedChain() {
  const actor = { actor: { userId: 'seed' }, roles: ['admin'] as const };
  const { repo } = app;
  const create = async (type: Parameters<typeof repo.create>[0], data: Record<string, unknown>) =>
    (await repo.create(type, data, actor)).record;
  const moves = async (type: Parameters<typeof repo.update>[0], id: string, patches: object[]) => {
    for (const patch of patches) await repo.update(type, id, patch, {}, actor);
  };
  const product = await create('product', {
    sku: 'DSK-STAND-01',
    name: 'Standing desk',
    unitPrice: 59_900,
    currency: 'EUR',
    taxRateBp: 1900,
  });
  const account = await create('account', { name: 'Nordwind Traders', type: 'customer', currency: 'EUR' });
  const lines = [{ productId: product._id, quantity: 4, unitPrice: 59_900, taxRateBp: 1900 }];
  const base = { accountId: account._id, currency: 'EUR' };
  const opportunity = await create('opportunity', { ...base, name: 'Office refit Hamburg' });
  const quote = await create('quote', { ...base, opportunityId: opportunity._id, lines });
  const order = await create('salesOrder', {
    ...base,
    quoteId: quote._id,
    opportunityId: opportunity._id,
    lines,
  });
  await moves('opportunity', opportunity._id, [{ stage: 'closedWon' }]);
  await moves('quote', quote._id, [{ status: 'sent' }, { status: 'accepted' }]);
  await moves('salesOrder', order._id, [{ status: 'confirmed' }]);
  const shipment = await create('shipment', {
    salesOrderId: order._id,
    lines: [{ productId: product._id, quantity: 4 }],
  });
  const invoice = await create('invoice', { ...base, salesOrderId: order._id, status: 'issued', lines });
  const payment = await create('payment', {
    invoiceId: invoice._id,
    accountId: account._id,
    amount: 100_000,
    currency: 'EUR',
    method: 'bankTransfer',
    receivedAt: '2026-02-01T09:00:00.000Z',
  });
  chain = {
    opportunity: await repo.get('opportunity', opportunity._id),
    quote: await repo.get('quote', quote._id),
    order: await repo.get('salesOrder', order._id),
    shipment,
    invoice: await repo.get('invoice', invoice._id),
    payment,
  };
}

beforeAll(async () => {
  session = await startBrowserSession('related-documents', { viewport: { width: 1280, height: 900 } });
  ({ app, page } = session);
  await seedChain();
});

afterAll(() => session?.close({ printLog: !finished }));

/** The rows of the Related documents table as `type | number or name | status`. */
async function chainRows(): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Related documents' });
  await table.waitFor();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('td').allInnerTexts()).map((cell) => cell.trim()).join(' | ')),
  );
}

test('an invoice shows its order, quote, opportunity and payment, and links on to the order', async () => {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  await page.getByTestId('current-user').waitFor();
  await page.goto(`${app.url}/entities/invoice/${chain.invoice._id}`);
  const number = (record: EntityRecord) => String(record.number);
  await page.getByRole('heading', { level: 1, name: number(chain.invoice) }).waitFor();
  expect(await chainRows()).toEqual([
    'Opportunity | Office refit Hamburg | Closed won',
    `Quote | ${number(chain.quote)} | Accepted`,
    `Sales order | ${number(chain.order)} | Confirmed`,
    `Invoice | ${number(chain.invoice)} (this record) | Partially paid`,
    `Payment | ${number(chain.payment)} | Received`,
  ]);
  await page.screenshot({ path: path.join(screenshots, 'related-documents.png'), fullPage: true });

  const related = page.getByRole('region', { name: 'Related documents' });
  await related.getByRole('link', { name: number(chain.order) }).click();
  await page.getByRole('heading', { level: 1, name: number(chain.order) }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/entities/salesOrder/${chain.order._id}`);
  expect(await chainRows()).toEqual([
    'Opportunity | Office refit Hamburg | Closed won',
    `Quote | ${number(chain.quote)} | Accepted`,
    `Sales order | ${number(chain.order)} (this record) | Confirmed`,
    `Shipment | ${number(chain.shipment)} | Draft`,
    `Invoice | ${number(chain.invoice)} | Partially paid`,
    `Payment | ${number(chain.payment)} | Received`,
  ]);
  finished = true;
});
