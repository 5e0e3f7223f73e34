import type { Page } from 'playwright-core';
import { apiAs, logIn } from '../support/api-client';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * A record page offers only the status moves the signed-in user may make: a sales user looking at a
 * quote waiting for approval can send it back to draft or reject it, but the Approved button is for
 * sales managers (and admins) only, as the repository enforces.
 */

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let quoteId: string;
const password = 'sally-password-long';

beforeAll(async () => {
  session = await startBrowserSession('controlled_moves');
  ({ app, page } = session);
  const admin = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  const created = await admin('POST', '/users', {
    email: 'sally@example.com',
    name: 'Sally Sales',
    roles: ['sales'],
    password,
  });
  expect(created.status).toBe(201);
  const setup = { actor: { userId: 'setup' }, roles: ['admin'] as const };
  const { record: account } = await app.repo.create(
    'account',
    { name: 'Moves Traders', currency: 'EUR' },
    setup,
  );
  const { record: quote } = await app.repo.create(
    'quote',
    { accountId: account._id, currency: 'EUR' },
    setup,
  );
  await app.repo.update('quote', quote._id, { status: 'pendingApproval' }, {}, setup);
  quoteId = quote._id;
});

afterAll(() => session?.close());

async function moves(): Promise<string[]> {
  await page.goto(`${app.url}/entities/quote/${quoteId}`);
  const bar = page.getByRole('group', { name: 'Status' });
  await bar.getByTestId('status').waitFor();
  return bar.getByRole('button').allInnerTexts();
}

test('a sales user is not offered the approval; an admin is', async () => {
  await page.goto(app.url);
  await signIn(page, 'sally@example.com', password);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  expect(await moves()).toEqual(['Rejected', 'Draft']);

  await page.getByRole('button', { name: 'Log out' }).click();
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  expect(await moves()).toEqual(['Approved', 'Rejected', 'Draft']);
});
