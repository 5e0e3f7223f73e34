import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TaskDocument } from '../../domain/tasks';
import { createUserStore } from '../../domain/users';
import type { TestServices } from '../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { eventually } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The approval inbox in a real browser, against the whole API server, a real worker, Temporal and the
 * store: a published workflow (seeded through the API) puts a discount approval with a form and a
 * related account in the sales managers' inbox; a manager sees it appear, meets the server's field
 * error, approves (or rejects) with a comment, and the run goes on.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const password = 'inbox-password-long';
const manager = { email: 'mia.manager@example.com', name: 'Mia Manager', roles: ['salesManager' as const] };
const salesRep = { email: 'sam.sales@example.com', name: 'Sam Sales', roles: ['sales' as const] };

/** A discount request approved by a sales manager, who sees the customer inside the task. */
const discountApproval = {
  name: 'Discount approval',
  description: 'A discount above policy needs a sales manager',
  nodes: [
    {
      id: 'start',
      type: 'trigger.manual',
      params: {
        inputSchema: {
          type: 'object',
          required: ['accountId', 'customer', 'requested'],
          properties: {
            accountId: { type: 'string' },
            customer: { type: 'string' },
            requested: { type: 'integer' },
          },
        },
      },
    },
    {
      id: 'approve',
      type: 'human.approval',
      params: {
        assigneeRole: 'salesManager',
        title: '="Approve " & $string($input.requested) & "% discount for " & $input.customer',
        description: 'The customer asks for more than the 10% the price list allows.',
        dueIn: 'P1D',
        related: { entityType: 'account', id: '=$input.accountId' },
        formSchema: {
          type: 'object',
          required: ['approvedDiscount'],
          properties: {
            approvedDiscount: { type: 'integer', title: 'Approved discount (%)', minimum: 0, maximum: 30 },
            validUntil: { type: 'string', format: 'date', title: 'Valid until' },
          },
        },
      },
    },
    {
      id: 'yes',
      type: 'flow.end',
      params: { output: '={"approved": true, "discount": $nodes.approve.data.approvedDiscount}' },
    },
    { id: 'no', type: 'flow.end', params: { output: { approved: false } } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'approve' },
    { id: 'e2', source: 'approve', sourcePort: 'approved', target: 'yes' },
    { id: 'e3', source: 'approve', sourcePort: 'rejected', target: 'no' },
  ],
};

let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
/** Calls the API as the admin, for what the test seeds and checks outside the browser. */
let adminApi: ApiCall;
let workflowId: string;
let accountId: string;

async function startRun(requested: number): Promise<string> {
  const started = await adminApi('POST', `/workflows/${workflowId}/runs`, {
    input: { accountId, customer: 'Nordwind Traders', requested },
  });
  expect(started.status).toBe(201);
  return started.body.runId as string;
}

/** Polls the run until it has closed; the worker finishes it after the completion is acknowledged. */
function closedRun(runId: string): Promise<{ status: string; result: unknown }> {
  return eventually(async () => {
    const view = await adminApi('GET', `/runs/${encodeURIComponent(runId)}`);
    return view.body.status === 'running' ? undefined : (view.body as { status: string; result: unknown });
  });
}

/** Polls the run's first open task, as the task API lists it, until `ready` accepts it. */
function openTaskOf(
  runId: string,
  ready: (task: TaskDocument) => boolean = () => true,
): Promise<TaskDocument> {
  return eventually(async () => {
    const open = await adminApi('GET', `/tasks?status=open&runId=${encodeURIComponent(runId)}`);
    const [task] = open.body.items as TaskDocument[];
    return task !== undefined && ready(task) ? task : undefined;
  });
}

async function seedCustomer(): Promise<string> {
  const actor = { actor: { userId: 'seed' }, roles: ['admin'] as const };
  const { repo } = app;
  const product = await repo.create(
    'product',
    { sku: 'DSK-STAND-01', name: 'Standing desk', unitPrice: 59_900, currency: 'EUR', taxRateBp: 1900 },
    actor,
  );
  const account = await repo.create(
    'account',
    { name: 'Nordwind Traders', type: 'customer', currency: 'EUR', paymentTerms: 'net30' },
    actor,
  );
  const id = account.record._id;
  const lines = (quantity: number) => [
    { productId: product.record._id, quantity, unitPrice: 59_900, taxRateBp: 1900 },
  ];
  const open = await repo.create('salesOrder', { accountId: id, currency: 'EUR', lines: lines(4) }, actor);
  await repo.update('salesOrder', open.record._id, { status: 'confirmed' }, {}, actor);
  const dropped = await repo.create('salesOrder', { accountId: id, currency: 'EUR', lines: lines(1) }, actor);
  await repo.update('salesOrder', dropped.record._id, { status: 'cancelled' }, {}, actor);
  const invoice = await repo.create(
    'invoice',
    { accountId: id, status: 'issued', issueDate: '2026-01-15', currency: 'EUR', lines: lines(2) },
    actor,
  );
  // €1,425.62 invoiced, €500 paid: €925.62 open.
  await repo.create(
    'payment',
    {
      invoiceId: invoice.record._id,
      accountId: id,
      amount: 50_000,
      currency: 'EUR',
      method: 'bankTransfer',
      receivedAt: '2026-02-01T09:00:00.000Z',
    },
    actor,
  );
  const ticket = (subject: string) => ({
    subject,
    priority: 'high',
    category: 'billing',
    assigneeRole: 'support',
    accountId: id,
  });
  await repo.create('ticket', ticket('Second desk arrived scratched'), actor);
  const closed = await repo.create('ticket', ticket('Invoice address'), actor);
  await repo.update('ticket', closed.record._id, { status: 'closed' }, {}, actor);
  return id;
}

beforeAll(async () => {
  session = await startBrowserSession('inbox', { viewport: { width: 1366, height: 900 } });
  ({ services, app, page } = session);
  const users = createUserStore(services.db);
  for (const user of [manager, salesRep]) {
    await users.createUser({ ...user, password }, { userId: 'seed', email: 'seed' });
  }
  adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  accountId = await seedCustomer();
  const created = await adminApi('POST', '/workflows', discountApproval);
  expect(created.status).toBe(201);
  workflowId = created.body._id as string;
  expect((await adminApi('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
});

// The last screen and the browser's log, for diagnosing a failure; README screenshots are taken at fixed steps.
afterAll(() => session?.close());

async function logInAs(user: { email: string; name: string }): Promise<void> {
  await page.goto(app.url);
  const logOut = page.getByRole('button', { name: 'Log out' });
  await logOut.or(page.getByLabel('Email')).waitFor();
  if (await logOut.isVisible()) await logOut.click();
  await signIn(page, user.email, password);
  await expect(page.getByTestId('current-user').textContent()).resolves.toBe(user.name);
}

async function openInbox(): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Inbox', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
}

const approveTitle = (requested: number) => `Approve ${requested}% discount for Nordwind Traders`;

test('a sales manager sees a new approval appear, meets the field error, approves with a comment and finds it in the history', async () => {
  await services.withWorker(async () => {
    await logInAs(manager);
    await openInbox();
    await page.getByTestId('inbox-empty').waitFor();

    // The run creates the task while the inbox is open; it appears without a reload.
    const runId = await startRun(15);
    const link = page.getByRole('link', { name: approveTitle(15), exact: true });
    await link.waitFor({ timeout: 60_000 });
    const group = page.getByRole('region', { name: /^Sales manager/ });
    expect(await group.getByRole('table').locator('tbody tr').count()).toBe(1);
    // The workflow's name arrives after the row (its id shows until then).
    await group.getByRole('link', { name: 'Discount approval', exact: true }).waitFor();
    expect(await group.getByRole('row').nth(1).innerText()).toMatch(
      /^Approve 15% discount for Nordwind Traders\s+Approval\s+Discount approval\s+View run\s+Sales manager\s+just now\s+Due (tomorrow|in 23 hours)$/,
    );
    await page.getByTestId('inbox-count').waitFor();
    expect(await page.getByTestId('inbox-count').getAttribute('title')).toBe('1 open task');
    await page.screenshot({ path: path.join(screenshots, 'inbox.png') });

    await link.click();
    await page.getByRole('heading', { level: 1, name: approveTitle(15) }).waitFor();
    // The run viewer and the workflow, in the editor.
    expect(await page.getByRole('link', { name: 'View run' }).getAttribute('href')).toBe(
      `/workflows/${workflowId}/runs/${encodeURIComponent(runId)}`,
    );
    expect(await page.getByRole('link', { name: 'Discount approval' }).getAttribute('href')).toBe(
      `/workflows/${workflowId}`,
    );
    // The related account with its open business, from the 360 answer.
    const related = page.getByRole('complementary', { name: 'Related record' });
    await related.getByRole('link', { name: 'Nordwind Traders', exact: true }).first().waitFor();
    expect(await related.getByRole('heading', { level: 2 }).first().innerText()).toBe('Nordwind Traders');
    const orders = related.getByRole('table', { name: 'Open orders' });
    await orders.waitFor();
    expect(await orders.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^SO-\d{4}-000001\s+Confirmed\s+.*€2,851\.24$/),
    ]);
    expect(
      await related.getByRole('table', { name: 'Unpaid invoices' }).locator('tbody tr').allInnerTexts(),
    ).toEqual([expect.stringMatching(/^INV-\d{4}-000001\s+Partially paid\s+.*€925\.62$/)]);
    expect(
      await related.getByRole('table', { name: 'Open tickets' }).locator('tbody tr').allInnerTexts(),
    ).toEqual([expect.stringMatching(/^TKT-\d{4}-000001\s+Second desk arrived scratched\s+New\s+High$/)]);

    // Approving without the required field: the server's message lands under the field.
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('task-error').waitFor();
    expect(await page.getByTestId('task-error').innerText()).toBe('Please correct the marked fields.');
    expect(await page.locator('.task-form .error-detail').allInnerTexts()).toEqual(['is required']);

    await page.getByLabel(/^Approved discount \(%\)\*?$/).fill('12');
    // Changing the field clears its error.
    expect(await page.locator('.task-form .error-detail').count()).toBe(0);
    expect(await page.getByTestId('task-error').count()).toBe(0);
    await page.getByLabel('Comment').fill('Repeat customer; 12% keeps our margin.');
    await page.screenshot({ path: path.join(screenshots, 'inbox-task.png'), fullPage: true });
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Completed', { exact: true }).waitFor();
    expect(await page.getByTestId('task-decision').innerText()).toBe('Approved');
    expect(await page.getByTestId('task-completed-by').innerText()).toBe(manager.email);
    expect(await page.getByTestId('task-comment').innerText()).toBe('Repeat customer; 12% keeps our margin.');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // The run went on by the approved port with the submitted data.
    expect(await closedRun(runId)).toMatchObject({
      status: 'completed',
      result: { approved: true, discount: 12 },
    });

    await openInbox();
    await page.getByTestId('inbox-empty').waitFor();
    expect(await page.getByTestId('inbox-count').count()).toBe(0);
    await page
      .getByRole('navigation', { name: 'Inbox views' })
      .getByRole('link', { name: 'Completed' })
      .click();
    const history = page.getByRole('table', { name: 'Completed tasks' });
    await history.waitFor();
    expect(await history.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(
        /^Approve 15% discount for Nordwind Traders\s+Sales manager\s+Approved\s+mia\.manager@example\.com\s+.+\s+Repeat customer; 12% keeps our margin\.\s+Approved discount \(%\)\s+12\s+Discount approval\s+View run$/,
      ),
    ]);
  });
});

test('a rejection with a comment sends the run down the rejected path', async () => {
  await services.withWorker(async () => {
    await logInAs(manager);
    const runId = await startRun(25);
    await openInbox();
    await page.getByRole('link', { name: approveTitle(25), exact: true }).click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: approveTitle(25) }).waitFor();
    // The form's data is checked whatever the decision.
    await page.getByLabel(/^Approved discount \(%\)\*?$/).fill('0');
    await page.getByLabel('Comment').fill('Margin too thin at 25%.');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Completed', { exact: true }).waitFor();
    expect(await page.getByTestId('task-decision').innerText()).toBe('Rejected');
    expect(await closedRun(runId)).toMatchObject({ status: 'completed', result: { approved: false } });

    const tasks = await adminApi('GET', '/tasks?status=completed');
    expect(
      (tasks.body.items as Array<{ title: string; outcome: string; comment: string; data: unknown }>).map(
        ({ title, outcome, comment, data }) => ({ title, outcome, comment, data }),
      ),
    ).toEqual([
      {
        title: approveTitle(25),
        outcome: 'rejected',
        comment: 'Margin too thin at 25%.',
        data: { approvedDiscount: 0 },
      },
      {
        title: approveTitle(15),
        outcome: 'approved',
        comment: 'Repeat customer; 12% keeps our margin.',
        data: { approvedDiscount: 12 },
      },
    ]);
  });
});

test('an overdue approval escalated to the sales managers shows as such in their inbox', async () => {
  // The same approval for the sales role, overdue after a second and then escalated.
  const escalating = structuredClone(discountApproval);
  escalating.name = 'Escalating discount approval';
  const approve = escalating.nodes.find((node) => node.id === 'approve')!;
  Object.assign(approve.params, {
    assigneeRole: 'sales',
    title: '="Overdue: approve " & $string($input.requested) & "% discount"',
    dueIn: 'PT1S',
    escalateTo: 'salesManager',
  });
  const created = await adminApi('POST', '/workflows', escalating);
  expect((await adminApi('POST', `/workflows/${created.body._id}/publish`)).status).toBe(200);
  await services.withWorker(async () => {
    const started = await adminApi('POST', `/workflows/${created.body._id}/runs`, {
      input: { accountId, customer: 'Nordwind Traders', requested: 12 },
    });
    const runId = started.body.runId as string;
    await openTaskOf(runId, (task) => task.escalatedTo === 'salesManager');
    await logInAs(manager);
    await openInbox();
    const group = page.getByRole('region', { name: /^Sales manager/ });
    const link = group.getByRole('link', { name: 'Overdue: approve 12% discount', exact: true });
    await link.waitFor();
    await group.getByRole('link', { name: 'Escalating discount approval', exact: true }).waitFor();
    expect(await group.locator('tbody tr').innerText()).toMatch(
      /^Overdue: approve 12% discount\s+Overdue\s+Escalated to Sales manager\s+Approval\s+Escalating discount approval\s+View run\s+Sales manager\s+.+\s+Overdue, due (just now|.+ ago)$/,
    );
    expect(await page.getByTestId('inbox-count').getAttribute('title')).toBe('1 open task');

    expect((await adminApi('POST', `/runs/${encodeURIComponent(runId)}/cancel`)).status).toBe(202);
    expect(await closedRun(runId)).toMatchObject({ status: 'cancelled' });
  });
});

test('a user without the role does not see the task under their roles and cannot answer it', async () => {
  await services.withWorker(async () => {
    const runId = await startRun(18);
    const taskId = (await openTaskOf(runId))._id;
    await logInAs(salesRep);
    await openInbox();
    await page.getByTestId('inbox-empty').waitFor();
    expect(await page.getByRole('link', { name: approveTitle(18) }).count()).toBe(0);
    expect(await page.getByTestId('inbox-count').count()).toBe(0);

    // Every role may look at all open tasks, but only answer its own.
    await page.getByLabel('All roles').check();
    await page.getByRole('link', { name: approveTitle(18), exact: true }).click();
    await page.getByRole('note').waitFor();
    expect(await page.getByRole('note').innerText()).toBe(
      'This task waits on the role Sales manager; you can read it but not answer it.',
    );
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const salesApi = apiAs(app.url, await logIn(app.url, { email: salesRep.email, password }));
    const refused = await salesApi('POST', `/tasks/${encodeURIComponent(taskId)}/complete`, {
      outcome: 'approved',
      data: { approvedDiscount: 5 },
    });
    expect(refused.status).toBe(403);

    // Cancelling the run cancels its task, which then shows as such.
    expect((await adminApi('POST', `/runs/${encodeURIComponent(runId)}/cancel`)).status).toBe(202);
    expect(await closedRun(runId)).toMatchObject({ status: 'cancelled' });
    await page.getByText('Cancelled', { exact: true }).waitFor({ timeout: 30_000 });
  });
});

test('on a phone (390 × 844) the inbox and the task page are one column with the navigation behind a menu', async () => {
  await services.withWorker(async () => {
    const runId = await startRun(9);
    await openTaskOf(runId);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await logInAs(manager);
      const widths = () => page.evaluate<number>('document.documentElement.scrollWidth');
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Menu' }).click();
      await nav.getByRole('link', { name: 'Inbox', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      // Following a link closes the menu again.
      expect(await nav.isVisible()).toBe(false);
      const link = page.getByRole('link', { name: approveTitle(9), exact: true });
      await link.waitFor();
      expect(await widths()).toBe(390);
      await page.screenshot({ path: path.join(screenshots, 'inbox-mobile.png') });

      await link.click();
      await page.getByRole('heading', { level: 1, name: approveTitle(9) }).waitFor();
      await page
        .getByRole('complementary', { name: 'Related record' })
        .getByRole('heading')
        .first()
        .waitFor();
      expect(await widths()).toBe(390);
      // One comment field, whatever the form asks.
      expect(await page.getByLabel('Comment').count()).toBe(1);
      await page.getByLabel(/^Approved discount \(%\)\*?$/).fill('9');
      await page.getByLabel('Comment').fill('Approved from the road.');
      await page.screenshot({ path: path.join(screenshots, 'inbox-task-mobile.png'), fullPage: true });
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('Completed', { exact: true }).waitFor();
      expect(await page.getByTestId('task-comment').innerText()).toBe('Approved from the road.');
      expect(await closedRun(runId)).toMatchObject({
        status: 'completed',
        result: { approved: true, discount: 9 },
      });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });
});
