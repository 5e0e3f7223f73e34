import path from 'node:path';
import type { Page } from 'playwright-core';
import { seedDemoCompany } from '../../server/seed/seed';
import { demoReferences, seedScaledData } from '../../server/seed/scaled-data';
import { apiAs, logIn } from '../support/api-client';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The landing page after login in a real browser against the whole API server, over the demo
 * company with two units of generated business: each role sees its own dashboard sections (an admin
 * all of them), a figure links through to the filtered list that makes it up, and a chart's
 * "Show as table" lists its figures with the same links.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const password = 'dashboard-password-long';
const titles = ['Sales', 'Finance', 'Operations and procurement', 'Support', 'Administration'];

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('dashboards', { viewport: { width: 1366, height: 900 } });
  ({ app, page } = session);
  await seedDemoCompany(app.repo);
  await seedScaledData(app.repo, {
    scale: 3,
    today: new Date().toISOString().slice(0, 10),
    ...(await demoReferences(app.repo)),
  });
  const admin = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  for (const role of ['sales', 'finance', 'procurement', 'support']) {
    const created = await admin('POST', '/users', {
      email: `${role}@example.com`,
      name: role,
      roles: [role],
      password,
    });
    expect(created.status).toBe(201);
  }
});

afterAll(() => session?.close({ printLog: !finished }));

/** Signs in as a user, and waits for the landing page's sections and their figures. */
async function landAs(email: string, secret: string): Promise<string[]> {
  await page.goto(app.url);
  const logOut = page.getByRole('button', { name: 'Log out' });
  await page.getByLabel('Email').or(logOut).waitFor();
  if (await logOut.isVisible()) await logOut.click();
  await signIn(page, email, secret);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.locator('.dashboard-section .loading').first().waitFor({ state: 'detached' });
  await page.locator('.chart svg').first().waitFor();
  return page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
}

test.each([
  ['sales', ['Sales']],
  ['finance', ['Finance']],
  ['procurement', ['Operations and procurement']],
  ['support', ['Support']],
])('a %s user lands on their own section', async (role, sections) => {
  expect(await landAs(`${role}@example.com`, password)).toEqual(sections);
  await expect(page.getByLabel('System status').innerText()).resolves.toMatch(/store: ok/);
  await page.screenshot({ path: path.join(screenshots, `dashboard-${role}.png`), fullPage: true });
});

test('an admin lands on every section', async () => {
  expect(await landAs(adminEmail, adminPassword)).toEqual(titles);
  // Each chart describes its figures for screen readers.
  await expect(page.locator('[data-widget="ageing"] .chart').getAttribute('aria-label')).resolves.toMatch(
    /^Accounts receivable ageing\. Current: Owed €/,
  );
  await page.screenshot({ path: path.join(screenshots, 'dashboard-admin.png'), fullPage: true });
});

test('a figure and a chart row drill through to the filtered list behind them', async () => {
  await landAs('finance@example.com', password);
  const pastDue = page.locator('[data-widget="pastDue"]');
  const count = Number(await pastDue.locator('.stat-value').innerText());
  expect(count).toBeGreaterThan(0);
  await pastDue.getByRole('link').click();
  await page.waitForURL(/\/entities\/invoice\?status\[in\]=issued,partiallyPaid&currency=EUR&dueDate\[lt\]=/);
  await page.getByText(`${count} shown`).waitFor();

  await page.goBack();
  const ageing = page.locator('[data-widget="ageing"]');
  await ageing.getByRole('button', { name: 'Show as table' }).click();
  const row = ageing.getByRole('row', { name: /^90\+ days/ });
  const owed = await row.getByRole('cell').first().innerText();
  expect(owed).toMatch(/^€/);
  await row.getByRole('link', { name: '90+ days' }).click();
  await page.waitForURL(
    /\/entities\/invoice\?status\[in\]=issued,partiallyPaid&currency=EUR&dueDate\[lte\]=/,
  );
  await page.getByText(/\d+ shown/).waitFor();
  finished = true;
});
