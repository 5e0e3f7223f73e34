import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseAllowlist } from '../../worker/activities/ssrf-guard';
import type { TestServices } from '../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { eventually } from '../support/eventually';
import { withWorkerOn } from '../support/worker';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The credentials page in a real browser, against the whole API server, a real worker, Temporal
 * and the store: an admin creates a bearer credential, picks it for an http.request node in the
 * workflow editor, publishes, and the run authenticates against a local server; the page shows
 * where it is used and refuses to delete it; no API response the browser received holds the secret.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const secret = 'browser-bearer-token-5f2c9a81';
const secretsKey = randomBytes(32);
let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let adminApi: ApiCall;
let server: http.Server;
let baseUrl: string;
/** Every API response body the browser received. */
const bodies: Promise<string>[] = [];
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('credentials', { app: { secretsKey } });
  ({ services, app, page } = session);
  page.on('response', (response) => {
    if (response.url().includes('/api/')) bodies.push(response.text().catch(() => ''));
  });
  adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  server = http.createServer((request, response) => {
    const ok = request.headers.authorization === `Bearer ${secret}`;
    response.statusCode = ok ? 200 : 401;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ ok }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await session?.close({ printLog: !finished });
});

test('an admin creates a credential, an http.request uses it, and the secret never comes back', async () => {
  const created = await adminApi('POST', '/workflows', {
    name: 'Sync orders',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
      {
        id: 'call',
        type: 'http.request',
        params: { method: 'GET', url: `${baseUrl}/orders` },
        position: { x: 0, y: 160 },
      },
      { id: 'done', type: 'flow.end', params: { output: '=$nodes.call.body' }, position: { x: 0, y: 320 } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'call' },
      { id: 'e2', source: 'call', target: 'done' },
    ],
  });
  const workflowId = created.body._id as string;

  await page.goto(`${app.url}/credentials`);
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('heading', { name: 'Credentials' }).waitFor();
  const form = page.getByRole('form', { name: 'New credential' });
  await form.getByLabel('Name', { exact: true }).fill('Orders API');
  await form.getByLabel('Kind').selectOption({ label: 'Bearer token' });
  await form.getByLabel('Description (optional)').fill('Order service, read-only');
  await form.getByLabel('Token', { exact: true }).fill(secret);
  await form.getByRole('button', { name: 'Create credential' }).click();
  const row = page.locator('tr[data-credential="Orders API"]');
  await row.waitFor();
  expect(await row.getByLabel('Secret hint').textContent()).toBe('••••9a81');
  expect(await page.locator('body').textContent()).not.toContain(secret);
  expect(await form.getByLabel('Token', { exact: true }).inputValue()).toBe('');

  // The editor's inspector offers the credential by name; the node keeps its id.
  await page.goto(`${app.url}/workflows/${workflowId}`);
  await page.getByTestId('node-call').locator('.wf-node__header').click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByLabel('Credential').selectOption({ label: 'Orders API · Bearer token' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByTestId('draft-state').getByText('Saved (revision 2) · Not published').waitFor();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByTestId('draft-state').getByText('Published version 1').waitFor();
  const [credential] = (await adminApi('GET', '/credentials')).body.items as { id: string }[];
  const version = await adminApi('GET', `/workflows/${workflowId}/versions/1`);
  expect(version.body.definition.nodes[1].params).toEqual({
    method: 'GET',
    url: `${baseUrl}/orders`,
    credentialId: credential!.id,
  });

  const { db, temporalAddress, namespace, taskQueue } = services;
  const output = await withWorkerOn(
    {
      db,
      temporalAddress,
      namespace,
      taskQueue,
      activityOptions: { secretsKey, httpAllowlist: parseAllowlist('127.0.0.1/32') },
    },
    async () => {
      const started = await adminApi('POST', `/workflows/${workflowId}/runs`, { input: {} });
      return eventually(async () => {
        const view = await adminApi('GET', `/runs/${encodeURIComponent(started.body.runId as string)}`);
        if (view.body.status === 'running') return undefined;
        const result = view.body.result as { output?: unknown };
        return { status: view.body.status as string, output: result?.output ?? result };
      });
    },
  );
  expect(output).toEqual({ status: 'completed', output: { ok: true } });

  // Where used, and the refused delete, on the page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credentials' }).click();
  await row.getByRole('button', { name: 'Where used' }).click();
  expect(await row.getByRole('list', { name: 'Workflows using Orders API' }).textContent()).toBe(
    'Sync orders published v1',
  );
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  expect(await row.getByRole('alert').textContent()).toBe(
    `credential ${credential!.id} is used by published workflows: Sync orders`,
  );
  await page.screenshot({ path: path.join(screenshots, 'credentials.png'), fullPage: true });

  for (const body of await Promise.all(bodies)) expect(body).not.toContain(secret);
  expect(bodies.length).toBeGreaterThan(10);
  finished = true;
});
