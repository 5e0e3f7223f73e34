import path from 'node:path';
import type { Page } from 'playwright-core';
import { callApi, bearer } from '../support/api-client';
import { eventually } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The Users page in a real browser against the whole API server: an admin adds a user, changes
 * their roles, gives them an API token (shown once) that works, resets their password, which
 * revokes the token, and deactivates them, after which they cannot sign in.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

let session: BrowserSession;
let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession('users', { viewport: { width: 1366, height: 900 } });
  ({ app, page } = session);
});

afterAll(() => session?.close());

test('an admin adds a user, changes roles, issues and revokes a token, resets a password and deactivates', async () => {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Users', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

  const form = page.getByRole('form', { name: 'New user' });
  await form.getByLabel('Name').fill('Rita Requester');
  await form.getByLabel('Email').fill('rita@example.com');
  await form.getByLabel(/^Password/).fill('rita-password-long');
  await form
    .getByRole('group', { name: 'Roles of the new user' })
    .getByLabel('sales', { exact: true })
    .check();
  await form.getByRole('button', { name: 'Add user' }).click();
  const row = page.locator('tr[data-user="rita@example.com"]');
  await row.waitFor();
  await expect(row.locator('td').nth(1).innerText()).resolves.toBe('sales');

  await row.getByRole('button', { name: 'Change roles' }).click();
  await row.getByRole('group', { name: 'Roles of Rita Requester' }).getByLabel('salesManager').check();
  await row.getByRole('button', { name: 'Save roles' }).click();
  await eventually(async () =>
    (await row.locator('td').nth(1).innerText()) === 'sales, salesManager' ? true : undefined,
  );

  // A token for Rita, shown once, works as her bearer token.
  const tokenForm = page.getByRole('form', { name: 'New API token' });
  await tokenForm.getByLabel('Token name').fill('reporting');
  await tokenForm.getByLabel('For user').selectOption({ label: 'Rita Requester (rita@example.com)' });
  await tokenForm.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'Token reporting' }).locator('code');
  const token = await shown.innerText();
  expect(token).toMatch(/^llt_/);
  const me = await callApi(app.url, 'GET', '/auth/me', undefined, bearer(token));
  expect(me).toMatchObject({
    status: 200,
    body: { user: { email: 'rita@example.com', roles: ['sales', 'salesManager'] } },
  });
  await page.locator('tr[data-token="reporting"]').waitFor();
  await page.screenshot({ path: path.join(screenshots, 'users.png') });

  // A new password revokes the token.
  await row.getByRole('button', { name: 'Reset password' }).click();
  await row.getByLabel('New password for Rita Requester').fill('rita-new-password');
  await row.getByRole('button', { name: 'Save password' }).click();
  await eventually(async () =>
    (await page.locator('tr[data-token="reporting"]').count()) === 0 ? true : undefined,
  );
  expect((await callApi(app.url, 'GET', '/auth/me', undefined, bearer(token))).status).toBe(401);
  expect(
    (
      await callApi(app.url, 'POST', '/auth/login', {
        email: 'rita@example.com',
        password: 'rita-new-password',
      })
    ).status,
  ).toBe(200);

  // Deactivated, Rita cannot sign in.
  await row.getByRole('button', { name: 'Deactivate' }).click();
  await eventually(async () =>
    (await row.locator('td').nth(2).innerText()) === 'Deactivated' ? true : undefined,
  );
  expect(
    (
      await callApi(app.url, 'POST', '/auth/login', {
        email: 'rita@example.com',
        password: 'rita-new-password',
      })
    ).status,
  ).toBe(401);
  await row.getByRole('button', { name: 'Reactivate' }).waitFor();
});
