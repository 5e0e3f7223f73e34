import path from 'node:path';
import type { Page } from 'playwright-core';
import { digestScheduleId } from '../../domain/alerts';
import type { TestServices } from '../setup/test-env';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The alerts page in a real browser against the whole API server and Temporal: an admin subscribes
 * a role to a digest, which gets its Temporal Schedule, and unsubscribes it again.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('alerts');
  ({ services, app, page } = session);
});

afterAll(async () => {
  await session?.close({ printLog: !finished });
});

test('an admin subscribes the finance role to an hourly digest and unsubscribes it', async () => {
  await page.goto(`${app.url}/`);
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  const form = page.getByRole('form', { name: 'New alert subscription' });
  await form.getByLabel('Role').selectOption({ value: 'finance' });
  await form.getByLabel('Overdue tasks').uncheck();
  await form.getByLabel('Every (minutes)').fill('30');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const table = page.getByRole('table', { name: 'Alert subscriptions' });
  const row = table.locator('tbody tr');
  await row.first().waitFor();
  expect(await row.allTextContents()).toEqual(['FinanceFailed runs30 minutesUnsubscribe']);
  const [subscription] = await services.db.collection('alertSubscriptions').find({}).toArray();
  const schedule = await services.temporal.schedule
    .getHandle(digestScheduleId(subscription!._id as unknown as string))
    .describe();
  expect(schedule.spec.intervals).toEqual([{ every: 1_800_000, offset: undefined }]);
  await page.screenshot({ path: path.join(screenshots, 'alerts.png'), fullPage: true });

  await row.getByRole('button', { name: 'Unsubscribe' }).click();
  await row.first().waitFor({ state: 'detached' });
  expect(await services.db.collection('alertSubscriptions').countDocuments({})).toBe(0);
  finished = true;
});
