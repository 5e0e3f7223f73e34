import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { eventually } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The audit trail in a real browser against the whole API server and the store: a sales user and an
 * admin change an account; an auditor finds the changes on the Audit page by record type, and reads
 * the account's History tab, who changed what in which version.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const password = 'a-long-enough-password';

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let adminApi: ApiCall;
let accountId: string;

beforeAll(async () => {
  session = await startBrowserSession('audit', { viewport: { width: 1366, height: 900 } });
  ({ app, page } = session);
  adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  for (const user of [
    { email: 'sam@example.com', name: 'Sam Seller', roles: ['sales'] },
    { email: 'ava@example.com', name: 'Ava Auditor', roles: ['auditor'] },
  ]) {
    expect((await adminApi('POST', '/users', { ...user, password })).status).toBe(201);
  }
  const salesApi = apiAs(app.url, await logIn(app.url, { email: 'sam@example.com', password }));
  const created = await salesApi('POST', '/entities/account', {
    name: 'Harbour Logistics',
    type: 'customer',
    currency: 'EUR',
    paymentTerms: 'net14',
  });
  accountId = created.body._id as string;
  expect((await salesApi('PATCH', `/entities/account/${accountId}`, { paymentTerms: 'net30' })).status).toBe(
    200,
  );
  expect((await adminApi('PATCH', `/entities/account/${accountId}`, { creditLimit: 500000 })).status).toBe(
    200,
  );
});

afterAll(() => session?.close());

test("an auditor finds an account's changes on the Audit page and reads its History tab", async () => {
  await page.goto(app.url);
  await signIn(page, 'ava@example.com', password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Audit', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();

  const filters = page.getByRole('form', { name: 'Audit filters' });
  await filters.getByLabel('Record type').selectOption('account');
  await filters.getByRole('button', { name: 'Apply' }).click();
  const rows = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr');
  await eventually(async () => ((await rows.count()) === 3 ? true : undefined));
  const cells = async (row: number) =>
    (await rows.nth(row).locator('td').allInnerTexts())
      .slice(1)
      .map((text) => text.replace(/\s+/g, ' ').trim());
  await expect(cells(0)).resolves.toEqual([
    'Ada Admin',
    'entity.updated',
    `account ${accountId} v3`,
    'creditLimit: 500000',
  ]);
  await expect(cells(1)).resolves.toEqual([
    'Sam Seller',
    'entity.updated',
    `account ${accountId} v2`,
    'paymentTerms: net14 → net30',
  ]);
  await page.screenshot({ path: path.join(screenshots, 'audit.png') });

  await rows
    .nth(1)
    .getByRole('link', { name: `account ${accountId} v2` })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Harbour Logistics' }).waitFor();
  await page.getByRole('tab', { name: 'History' }).click();
  const versions = page.getByRole('table', { name: 'Versions' }).locator('tbody tr');
  await eventually(async () => ((await versions.count()) === 3 ? true : undefined));
  await expect(versions.nth(2).locator('td').nth(2).innerText()).resolves.toBe('entity.created · v1');
  await expect(versions.nth(2).locator('td').nth(1).innerText()).resolves.toBe('Sam Seller');
  await expect(versions.nth(1).locator('td').nth(3).innerText()).resolves.toBe('paymentTerms: net14 → net30');
  await page.screenshot({ path: path.join(screenshots, 'record-history.png') });
});
