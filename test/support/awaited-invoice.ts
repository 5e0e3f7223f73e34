import type { EntityRepository } from '../../domain/entities';
import type { WorkflowDefinition } from '../../workflows';
import { recordMaker } from './fixture-records';

/** Waits up to seven days for the invoice in `$input.invoiceId` to be paid, and ends with its status. */
export const awaitPayment: WorkflowDefinition = {
  name: 'Await payment',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    {
      id: 'awaitPayment',
      type: 'flow.waitFor',
      params: {
        entityType: 'invoice',
        id: '=$input.invoiceId',
        condition: '=status = "paid"',
        timeout: 'P7D',
      },
    },
    { id: 'paid', type: 'flow.end', params: { output: { status: '=$nodes.awaitPayment.status' } } },
    { id: 'late', type: 'flow.end', params: { output: { timedOut: true } } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'awaitPayment' },
    { id: 'e2', source: 'awaitPayment', target: 'paid' },
    { id: 'e3', source: 'awaitPayment', sourcePort: 'timeout', target: 'late' },
  ],
};

/** An issued invoice of 1,190.00 EUR (1,000.00 and 19% tax) with 190.00 already paid. */
export async function partlyPaidInvoice(repo: EntityRepository) {
  const create = recordMaker(repo, { actor: { userId: 'seed' }, roles: ['admin'] as const });
  const account = await create('account', {
    name: 'Waiting Traders',
    type: 'customer',
    currency: 'EUR',
    paymentTerms: 'net30',
  });
  const product = await create('product', {
    sku: 'CONSULT-DAY',
    name: 'Consulting day',
    type: 'service',
    unitOfMeasure: 'day',
    unitPrice: 100000,
    currency: 'EUR',
    taxRateBp: 1900,
    active: true,
  });
  const invoice = await create('invoice', {
    accountId: account._id,
    status: 'issued',
    issueDate: '2026-03-02',
    currency: 'EUR',
    lines: [{ productId: product._id, quantity: 1, unitPrice: 100000, taxRateBp: 1900 }],
  });
  await create('payment', {
    invoiceId: invoice._id,
    accountId: account._id,
    amount: 19000,
    currency: 'EUR',
    method: 'bankTransfer',
    receivedAt: '2026-03-03T10:00:00.000Z',
  });
  return { account, invoice: await repo.get('invoice', invoice._id) };
}
