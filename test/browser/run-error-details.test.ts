import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { eventually } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * A run that fails on a validation rule, in the run viewer: the failed node lists the same field
 * details the HTTP API answers with, under its error, and the run's error names them too.
 */

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let adminApi: ApiCall;
let workflowId: string;

const raiseRequisition = {
  name: 'Raise a requisition',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
    {
      id: 'raise',
      type: 'entity.create',
      params: { entityType: 'purchaseRequisition', data: '=$input' },
      position: { x: 240, y: 0 },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'raise' }],
};

const requisition = {
  requesterId: 'r'.repeat(65),
  reason: 'Restock the showroom',
  lines: [{ productId: 'prd-lamp', quantity: 2, unitCost: 12.5 }],
};

beforeAll(async () => {
  session = await startBrowserSession('run-errors', { viewport: { width: 1366, height: 900 } });
  ({ app, page } = session);
  adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  const created = await adminApi('POST', '/workflows', raiseRequisition);
  expect(created.status).toBe(201);
  workflowId = created.body._id as string;
  expect((await adminApi('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
});

afterAll(() => session?.close());

test('the run viewer lists a failed node’s field details under its error', async () => {
  const posted = await adminApi('POST', '/entities/purchaseRequisition', requisition);
  expect(posted.status).toBe(400);
  const details = posted.body.error.details as { path: string; message: string }[];
  const started = await adminApi('POST', `/workflows/${workflowId}/runs`, { input: requisition });
  expect(started.status).toBe(201);
  const runId = started.body.runId as string;
  // The worker stays up for the viewer: the trace of a closed run is a query it answers.
  await session.services.withWorker(async () => {
    const view = await eventually(async () => {
      const response = await adminApi('GET', `/runs/${encodeURIComponent(runId)}`);
      const body = response.body as { status: string; error: { message: string } };
      return body.status === 'running' ? undefined : body;
    });
    expect(view.status).toBe('failed');
    expect(view.error.message).toBe(
      'Node "raise" (entity.create) failed: invalid purchaseRequisition [ValidationError]: requesterId: must NOT have more than 64 characters; lines.0.unitCost: must be integer',
    );

    await page.goto(app.url);
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${app.url}/workflows/${workflowId}/runs/${encodeURIComponent(runId)}`);
    await page.getByRole('region', { name: 'Run viewer' }).waitFor();
    await page.getByTestId('node-raise').locator('.wf-node__header').click();
    const visit = page.getByTestId('visit-raise-1');
    await visit.waitFor();
    expect(await visit.getByLabel('Error details').getByRole('listitem').allTextContents()).toEqual(
      details.map((detail) => `${detail.path}: ${detail.message}`),
    );
    await page.screenshot({ path: path.join(os.tmpdir(), 'ledgerline-run-error-details.png') });
  });
});
