import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * Webhook secrets in the editor, against the whole API server: publishing a webhook trigger shows
 * its URL, token and signing secret once; the Versions tab lists the hook by its token's first
 * characters; Revoke stops the token (401) and Rotate shows new secrets, once, which work.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let admin: ApiCall;

beforeAll(async () => {
  session = await startBrowserSession('webhook_secrets', { viewport: { width: 1366, height: 900 } });
  ({ app, page } = session);
  admin = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
});

afterAll(() => session?.close());

async function callHook(url: string, token: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledgerline-token': token },
    body: JSON.stringify({ orderId: 'SO-1' }),
  });
  return response.status;
}

/** The secrets the notice shows: URL, token and signing secret. */
async function shownSecrets(): Promise<{ url: string; token: string; signingSecret: string }> {
  const notice = page.getByRole('alert', { name: 'New webhook secrets' });
  await notice.waitFor();
  const [url, token, signingSecret] = await notice.locator('dd code').allInnerTexts();
  return { url: url!, token: token!, signingSecret: signingSecret! };
}

test('publish shows the secrets once; revoke stops the token and rotate issues working ones', async () => {
  const created = await admin('POST', '/workflows', {
    name: 'Orders from the shop',
    nodes: [
      { id: 'incoming', type: 'trigger.webhook', params: {} },
      { id: 'done', type: 'flow.end', params: {} },
    ],
    edges: [{ id: 'e1', source: 'incoming', target: 'done' }],
  });
  const workflowId = created.body._id as string;
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.goto(`${app.url}/workflows/${workflowId}`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();

  const first = await shownSecrets();
  expect(first.url).toMatch(/\/hooks\/hk_[\w-]{22}$/);
  expect(first.token).toMatch(/^llh_/);
  expect(first.signingSecret).toMatch(/^llw_/);
  expect(await callHook(first.url, first.token)).toBe(202);
  await page.screenshot({ path: path.join(screenshots, 'webhook-secrets.png') });
  await page.getByRole('button', { name: 'I have copied them' }).click();
  expect(await page.getByRole('alert', { name: 'New webhook secrets' }).count()).toBe(0);

  await page.getByRole('tab', { name: 'Versions' }).click();
  const hooks = page.getByRole('region', { name: 'Webhooks' });
  await hooks.getByText(`token ${first.token.slice(0, 8)}… · live`).waitFor();
  await hooks.getByRole('button', { name: 'Revoke' }).click();
  await hooks.getByText(/· revoked /).waitFor();
  expect(await callHook(first.url, first.token)).toBe(401);

  await hooks.getByRole('button', { name: 'Rotate' }).click();
  const second = await shownSecrets();
  expect(second.url).toBe(first.url);
  expect(second.token).not.toBe(first.token);
  expect(await callHook(second.url, second.token)).toBe(202);
  expect(await callHook(second.url, first.token)).toBe(401);
  await hooks.getByText(`token ${second.token.slice(0, 8)}… · live`).waitFor();
});
