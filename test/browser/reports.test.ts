import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createReportStore } from '../../domain/reports';
import type { TestServices } from '../setup/test-env';
import {
  accounts,
  customersByTier,
  customersByTierCsv,
  customersCsv,
} from '../integration/reports/report-fixtures';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The Reports page in a real browser against the whole API server and store: a user opens a saved
 * report, sees its group rows and rows, and downloads both CSVs (checked byte for byte); then builds
 * a new report with the form, not JSON.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('reports', { viewport: { width: 1366, height: 900 } });
  ({ services, app, page } = session);
  for (const account of accounts) {
    await app.repo.create(
      'account',
      { ...account, status: 'active', currency: 'EUR', paymentTerms: 'net30' },
      { actor: { userId: 'seed' }, roles: ['admin'] },
    );
  }
  await createReportStore(services.db).create(customersByTier, { userId: 'seed' });
});

afterAll(async () => {
  await session?.close({ printLog: !finished });
});

async function download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = path.join(os.tmpdir(), `ledgerline-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), text: await fs.readFile(saved, 'utf8') };
}

const rowsOf = (name: string) => page.getByRole('table', { name }).locator('tbody tr');

test('a user opens a report, sees its groups and rows, and exports both as CSV', async () => {
  await page.goto(`${app.url}/`);
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  const list = rowsOf('Reports');
  await list.first().waitFor();
  expect(await list.locator('td:first-child').allTextContents()).toEqual([
    'Unpaid invoices past dueBuilt-in',
    'Open purchase orders by supplierBuilt-in',
    'Stock with nothing availableBuilt-in',
    'Quotes waiting for approvalBuilt-in',
    'Open tickets by priorityBuilt-in',
    'Orders on credit holdBuilt-in',
    'Customers by tier',
  ]);
  await page.getByRole('link', { name: 'Customers by tier' }).click();
  await rowsOf('Rows').first().waitFor();
  expect(await rowsOf('Groups').allInnerTexts()).toEqual([
    'bronze\t1\t0\t12',
    'gold\t2\t600000\t125',
    'silver\t1\t200000\t40',
  ]);
  expect(await rowsOf('Rows').locator('td:first-child').allTextContents()).toEqual([
    'Acme, Inc.',
    'Beta "Best" Supplies',
    '=HYPERLINK("http://evil.example")',
    '@risk Ltd',
  ]);
  await page.screenshot({ path: path.join(screenshots, 'reports.png'), fullPage: true });

  const today = new Date().toISOString().slice(0, 10);
  expect(await download(() => page.getByRole('link', { name: 'Export CSV' }).click())).toEqual({
    name: `customers-by-tier-${today}.csv`,
    text: customersByTierCsv,
  });
  expect(await download(() => page.getByRole('link', { name: 'Export rows as CSV' }).click())).toEqual({
    name: `customers-by-tier-${today}.csv`,
    text: customersCsv,
  });

  // Schedule by email saves a schedule-triggered workflow with a report.run node and opens it.
  await page.getByRole('button', { name: 'Schedule by email' }).click();
  const schedule = page.getByRole('form', { name: 'Schedule by email' });
  await schedule.getByLabel('Recipients').fill('cfo@example.com, ops@example.com');
  await schedule.getByRole('button', { name: 'Create workflow' }).click();
  await page.waitForURL(/\/workflows\/[^/]+$/);
  const workflowId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
  const workflow = await services.db.collection('workflows').findOne({ _id: workflowId as never });
  const report = await services.db.collection('reports').findOne({ name: 'Customers by tier' });
  expect(workflow?.draft).toMatchObject({
    name: 'Mail report: Customers by tier',
    nodes: [
      { id: 'schedule', type: 'trigger.schedule', params: { cron: '0 7 * * 1' } },
      {
        id: 'report',
        type: 'report.run',
        params: { reportId: report?._id, format: 'csv', to: ['cfo@example.com', 'ops@example.com'] },
      },
    ],
  });
  finished = true;
});

test('a report is built with the form: records, columns, a condition and a grouping', async () => {
  finished = false;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: 'New report' }).click();
  const form = page.getByRole('form', { name: 'Report' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Gold customers');
  await form.getByLabel('Records').selectOption({ value: 'account' });
  await form.getByRole('checkbox', { name: 'Tier', exact: true }).check();
  await form.getByRole('checkbox', { name: 'Credit limit', exact: true }).check();
  await form.getByRole('button', { name: 'Add condition' }).click();
  const condition = form.getByRole('group', { name: 'Condition 1' });
  await condition.getByLabel('Field').selectOption({ value: 'tier' });
  await condition.getByLabel('Value').selectOption({ value: 'gold' });
  await form.getByLabel('Group by').selectOption({ value: 'type' });
  await form.getByLabel('Sum of Credit limit').check();
  await form.getByRole('button', { name: 'Save report' }).click();
  await page.getByRole('heading', { name: 'Gold customers' }).waitFor();
  await rowsOf('Groups').first().waitFor();
  expect(await rowsOf('Groups').allInnerTexts()).toEqual(['customer\t2\t600000', 'prospect\t1\t900000']);
  const [saved] = await services.db.collection('reports').find({ name: 'Gold customers' }).toArray();
  expect(saved).toMatchObject({
    entityType: 'account',
    columns: ['name', 'tier', 'creditLimit'],
    filters: [{ field: 'tier', op: 'eq', value: 'gold' }],
    groupBy: { field: 'type', sums: ['creditLimit'] },
  });
  finished = true;
});
