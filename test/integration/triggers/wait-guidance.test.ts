import { getEntitySchema } from '../../../schemas';
import { prefillFrom } from '../../../schemas/prefill-from';
import { awaitPayment, partlyPaidInvoice } from '../../support/awaited-invoice';
import { eventually } from '../../support/eventually';
import { startTriggerHarness, type TriggerHarness } from './trigger-harness';

/*
 * A run waiting in flow.waitFor says what it waits for: `GET /api/runs/:id` and the awaited record's
 * `GET /api/entities/:type/:id/runs` carry `waitingFor`, in words, with the action that satisfies
 * the wait. Recording that payment, prefilled from the invoice, moves the run on.
 */

jest.setTimeout(600_000);

let harness: TriggerHarness;

beforeAll(async () => {
  harness = await startTriggerHarness('wait-guidance');
});

afterAll(async () => {
  await harness.close();
});

test('a run waiting for a payment says so in words, offers the payment, and goes on once it is recorded', async () => {
  const { services, api } = harness;
  await services.withWorker(async () => {
    const { account, invoice } = await partlyPaidInvoice(harness.repo);
    expect([invoice.status, invoice.amountDue]).toEqual(['partiallyPaid', 100000]);
    const workflowId = await harness.publish(awaitPayment);
    const started = await api('POST', `/workflows/${workflowId}/runs`, { input: { invoiceId: invoice._id } });
    expect(started.status).toBe(201);
    const runId = started.body.runId as string;

    const view = await eventually(async () => {
      const answer = await api('GET', `/runs/${encodeURIComponent(runId)}`);
      const body = answer.body as {
        trace: Array<{ nodeId: string; startedAt: string }>;
        waitingFor?: unknown[];
      };
      return body.waitingFor?.length === 1 ? body : undefined;
    });
    const visit = view.trace.find((entry) => entry.nodeId === 'awaitPayment');
    const expected = {
      nodeId: 'awaitPayment',
      visit: 1,
      entityType: 'invoice',
      entityId: invoice._id,
      label: invoice.number,
      condition: 'status = "paid"',
      conditionText: 'that makes it paid',
      sentence: `Waiting for a payment on invoice ${String(invoice.number)} that makes it paid`,
      timesOutAt: new Date(Date.parse(visit!.startedAt) + 7 * 24 * 3600 * 1000).toISOString(),
      action: { label: 'Record a payment', entityType: 'payment', from: `invoice:${invoice._id}` },
    };
    expect(view.waitingFor).toEqual([expected]);

    // The invoice's own runs list the run waiting on it, with the same words.
    const onRecord = await api('GET', `/entities/invoice/${invoice._id}/runs`);
    expect(onRecord.status).toBe(200);
    expect(
      (onRecord.body.waiting as Array<{ runId: string; waitingFor: unknown }>).map((run) => [
        run.runId,
        run.waitingFor,
      ]),
    ).toEqual([[runId, [expected]]]);

    // The payment as the action's form fills it in: the invoice, its account and currency, what is open.
    const prefilled = prefillFrom(getEntitySchema('payment'), {
      type: 'invoice',
      schema: getEntitySchema('invoice'),
      record: invoice,
    });
    expect(prefilled).toEqual({
      invoiceId: invoice._id,
      accountId: account._id,
      currency: 'EUR',
      amount: 100000,
    });
    const payment = await api('POST', '/entities/payment', {
      ...prefilled,
      method: 'bankTransfer',
      receivedAt: '2026-03-09T10:00:00.000Z',
    });
    expect(payment.status).toBe(201);

    expect(await services.temporal.workflow.getHandle(runId).result()).toEqual({ status: 'paid' });
    const after = await api('GET', `/runs/${encodeURIComponent(runId)}`);
    expect([after.body.status, after.body.waitingFor]).toEqual(['completed', []]);
    expect((await api('GET', `/entities/invoice/${invoice._id}/runs`)).body.waiting).toEqual([]);
  });
});
