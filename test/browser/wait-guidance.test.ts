import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestServices } from '../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { awaitPayment, partlyPaidInvoice } from '../support/awaited-invoice';
import { eventually, eventuallyEqual } from '../support/eventually';
import { startDispatcher } from '../support/trigger-dispatcher';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * Guidance at a wait, in a real browser against the whole API server, a worker, the entity trigger
 * dispatcher, Temporal and the store: a run waits for an invoice to be paid; the run viewer says so
 * in words and offers "Record a payment", whose form comes filled in from the invoice; saving it
 * pays the invoice and the run goes on. The invoice's page says the same while the run waits.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let adminApi: ApiCall;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('wait-guidance', { viewport: { width: 1366, height: 900 } });
  ({ services, app, page } = session);
  adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
});

afterAll(() => session?.close({ printLog: !finished }));

test('an operator reads what a run waits for, records the payment from its prefilled form, and the run goes on', async () => {
  const dispatcher = await startDispatcher(services);
  try {
    await services.withWorker(async () => {
      const { account, invoice } = await partlyPaidInvoice(app.repo);
      const created = await adminApi('POST', '/workflows', awaitPayment);
      expect(created.status).toBe(201);
      const workflowId = created.body._id as string;
      expect((await adminApi('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
      const started = await adminApi('POST', `/workflows/${workflowId}/runs`, {
        input: { invoiceId: invoice._id },
      });
      expect(started.status).toBe(201);
      const runId = started.body.runId as string;
      const number = String(invoice.number);
      const sentence = `Waiting for a payment on invoice ${number} that makes it paid`;

      // The run has registered its wait before anyone looks.
      await eventually(async () => {
        const view = await adminApi('GET', `/runs/${encodeURIComponent(runId)}`);
        return (view.body.waitingFor as unknown[]).length === 1 ? true : undefined;
      });
      await page.goto(app.url);
      await signIn(page, adminEmail, adminPassword);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      // The invoice's page says what the run waits for, naming the run.
      await page.goto(`${app.url}/entities/invoice/${invoice._id}`);
      const onRecord = page.getByRole('region', { name: sentence });
      await onRecord.waitFor();
      await expect(onRecord.getByRole('link', { name: 'Await payment' }).count()).resolves.toBe(1);
      await expect(onRecord.getByRole('link', { name: 'Record a payment' }).count()).resolves.toBe(1);

      // The run viewer says it too, with the action that satisfies the wait.
      await page.goto(`${app.url}/workflows/${workflowId}/runs/${encodeURIComponent(runId)}`);
      const wait = page.getByRole('region', { name: sentence });
      await wait.waitFor();
      await expect(wait.locator('.waiting-for__sentence').textContent()).resolves.toBe(sentence);
      await expect(
        wait.getByRole('link', { name: `Open invoice ${number}` }).getAttribute('href'),
      ).resolves.toBe(`/entities/invoice/${invoice._id}`);
      await page.screenshot({ path: path.join(screenshots, 'run-waiting.png') });

      // The action opens the payment form filled in from the invoice: 1,190.00 less 190.00 paid.
      await wait.getByRole('link', { name: 'Record a payment' }).click();
      await page.getByRole('heading', { level: 1, name: 'New payment' }).waitFor();
      await expect(page.getByTestId('form-context').textContent()).resolves.toBe(`For Invoice ${number}`);
      await eventuallyEqual(() => page.locator('#root_amount').inputValue(), '1000');
      await expect(page.locator('#root_invoiceId').inputValue()).resolves.toBe(invoice._id);
      await expect(page.locator('#root_accountId').inputValue()).resolves.toBe(account._id);
      await expect(page.locator('#root_currency').inputValue()).resolves.toBe('EUR');
      await eventuallyEqual(() => page.locator('#root_invoiceId option:checked').textContent(), number);
      await eventuallyEqual(
        () => page.locator('#root_accountId option:checked').textContent(),
        'Waiting Traders',
      );
      await page.locator('#root_method').selectOption({ label: 'Bank transfer' });
      await page.locator('#root_receivedAt').fill('2026-03-09T10:00');
      await page.screenshot({ path: path.join(screenshots, 'payment-prefilled.png') });
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { level: 1, name: /^PAY-/ }).waitFor();

      // The payment paid the invoice, and the run went on past its wait.
      const payments = await adminApi('GET', `/entities/payment?invoiceId=${invoice._id}`);
      expect(
        (payments.body.items as Array<{ amount: number; currency: string; accountId: string }>)
          .map((payment) => [payment.amount, payment.currency, payment.accountId])
          .sort(),
      ).toEqual([
        [100000, 'EUR', account._id],
        [19000, 'EUR', account._id],
      ]);
      await page.goto(`${app.url}/workflows/${workflowId}/runs/${encodeURIComponent(runId)}`);
      await page.locator('header [data-run-status="completed"]').waitFor();
      await expect(page.locator('.waiting-for').count()).resolves.toBe(0);
      await eventually(async () => {
        const view = await adminApi('GET', `/runs/${encodeURIComponent(runId)}`);
        return view.body.status === 'completed' ? true : undefined;
      });
      await expect(
        adminApi('GET', `/runs/${encodeURIComponent(runId)}`).then((view) => view.body.result as unknown),
      ).resolves.toEqual({ status: 'paid' });
    });
    finished = true;
  } finally {
    await dispatcher.stop();
  }
});
