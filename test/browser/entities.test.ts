import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventuallyEqual } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const year = new Date().getUTCFullYear();

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('entities');
  ({ app, page } = session);
  const actor = { actor: { userId: 'seed' }, roles: ['admin'] as const };
  await app.repo.create(
    'product',
    { sku: 'WID-1', name: 'Widget', unitPrice: 1250, currency: 'EUR', taxRateBp: 1900 },
    actor,
  );
  await app.repo.create(
    'product',
    {
      sku: 'SVC-H',
      name: 'Service hour',
      type: 'service',
      unitOfMeasure: 'hour',
      unitPrice: 8000,
      currency: 'EUR',
    },
    actor,
  );
});

afterAll(() => session?.close({ printLog: !finished }));

/** A generated form field, by the label rjsf gives it (required ones end in `*`). */
function field(label: string) {
  return page.getByLabel(new RegExp(`^${label}\\*?$`));
}

test('an operator logs in, creates and edits accounts, creates a two-line quote and sees it on the 360 page', async () => {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  await expect(page.getByTestId('current-user').textContent()).resolves.toBe('Ada Admin');

  // Account through the generated form.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('link', { name: 'New account' }).click();
  await field('Name').fill('Acme Robotics GmbH');
  await field('Currency').fill('EUR');
  await field('Type').selectOption({ label: 'Customer' });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: 'Acme Robotics GmbH' }).waitFor();
  const accountId = new URL(page.url()).pathname.split('/')[3]!;
  expect(await page.getByTestId('status').textContent()).toBe('Active');

  // Editing sends a merge patch with If-Match and lands back on the record.
  await page.getByRole('link', { name: 'Edit' }).click();
  await field('Phone').fill('+49 30 1234567');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('field-phone').getByText('+49 30 1234567').waitFor();
  expect(await page.getByText(/^Version 2 ·/).count()).toBe(1);

  // A second account with a near-identical name is created, with the first shown as a possible duplicate.
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('link', { name: 'New account' }).click();
  await field('Name').fill('ACME Robotics');
  await field('Currency').fill('EUR');
  // The server's validation message lands under the field it is about.
  const billing = page.getByRole('group', { name: 'Billing address' });
  await billing.getByLabel('Street and number').fill('Hauptstraße 1');
  await billing.getByLabel('City').fill('Berlin');
  await billing.getByLabel('Country').fill('Germany');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('form-error').waitFor();
  expect(await page.getByTestId('form-error').textContent()).toBe('invalid account');
  expect(await billing.locator('.error-detail').allTextContents()).toEqual([
    'must match pattern "^[A-Z]{2}$"',
  ]);
  await billing.getByLabel('Country').fill('DE');
  await page.getByRole('button', { name: 'Save' }).click();
  const duplicates = page.getByRole('status', { name: 'Possible duplicates' });
  await duplicates.waitFor();
  expect(await duplicates.getByRole('link').textContent()).toBe('Acme Robotics GmbH');
  expect(await duplicates.getByRole('link').getAttribute('href')).toBe(`/entities/account/${accountId}`);

  // The list shows both, newest first.
  await nav.getByRole('link', { name: 'Accounts' }).click();
  const accounts = page.getByRole('table', { name: 'Accounts' });
  await accounts.getByRole('link', { name: 'ACME Robotics', exact: true }).waitFor();
  expect(await accounts.locator('tbody tr td:first-child').allTextContents()).toEqual([
    'ACME Robotics',
    'Acme Robotics GmbH',
  ]);
  await page.screenshot({ path: path.join(screenshots, 'account-list.png') });

  // A two-line quote for it.
  await nav.getByRole('link', { name: 'Quotes' }).click();
  await page.getByRole('link', { name: 'New quote' }).click();
  await field('Account').selectOption({ label: 'Acme Robotics GmbH' });
  // The quote takes the account's currency.
  await eventuallyEqual(() => field('Currency').inputValue(), 'EUR');
  const addLine = page.getByRole('button', { name: 'Add item' });
  await addLine.click();
  await addLine.click();
  await page.locator('#root_lines_0_productId').selectOption({ label: 'Widget' });
  await page.locator('#root_lines_0_quantity').fill('4');
  await page.locator('#root_lines_0_unitPrice').fill('12.50');
  await page.locator('#root_lines_0_taxRateBp').fill('19');
  await page.locator('#root_lines_1_productId').selectOption({ label: 'Service hour' });
  await page.locator('#root_lines_1_quantity').fill('2');
  await page.locator('#root_lines_1_unitPrice').fill('80');
  await page.locator('#root_lines_1_discountBp').fill('10');
  await page.locator('#root_lines_1_taxRateBp').fill('19');
  await page.screenshot({ path: path.join(screenshots, 'quote-form.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save' }).click();

  // The server computed the totals: 4 × €12.50 + 2 × €80.00 − 10% on the second line, 19% tax.
  const quoteNumber = `QUO-${year}-000001`;
  await page.getByRole('heading', { level: 1, name: quoteNumber }).waitFor();
  const total = async (name: string) =>
    (await page.getByTestId(`total-${name}`).locator('dd').textContent()) ?? '';
  expect(await total('subtotal')).toBe('€210.00');
  expect(await total('discountTotal')).toBe('€16.00');
  expect(await total('taxTotal')).toBe('€36.86');
  expect(await total('total')).toBe('€230.86');
  const lines = page.getByRole('table', { name: 'Lines' });
  expect(await lines.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^Widget\s+—\s+4\s+€12\.50\s+0%\s+19%\s+€50\.00$/),
    expect.stringMatching(/^Service hour\s+—\s+2\s+€80\.00\s+10%\s+19%\s+€144\.00$/),
  ]);
  expect(await page.getByTestId('status').textContent()).toBe('Draft');
  // Status buttons follow the schema's transitions.
  const status = page.getByRole('group', { name: 'Status' });
  expect(await status.getByRole('button').allTextContents()).toEqual([
    'Pending approval',
    'Approved',
    'Rejected',
    'Sent',
    'Cancelled',
  ]);
  await status.getByRole('button', { name: 'Sent' }).click();
  await page.getByTestId('status').getByText('Sent').waitFor();
  await page.screenshot({ path: path.join(screenshots, 'quote-detail.png'), fullPage: true });

  // The account's 360 page lists the quote; a full page load also exercises the server's history fallback.
  await page.goto(`${app.url}/entities/account/${accountId}/360`);
  await page.getByRole('heading', { level: 1, name: 'Acme Robotics GmbH' }).waitFor();
  const quotes = page.getByRole('table', { name: 'Quotes' });
  await quotes.getByRole('link', { name: quoteNumber }).waitFor();
  expect(await quotes.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(new RegExp(`^${quoteNumber}\\s+Sent\\s+€230\\.86$`)),
  ]);
  expect(await page.getByTestId('open-balance').locator('dd').textContent()).toBe('€0.00');
  await page.screenshot({ path: path.join(screenshots, 'account-360.png'), fullPage: true });
  finished = true;
});
