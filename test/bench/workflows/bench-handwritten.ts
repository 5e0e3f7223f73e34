import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ActivityCall } from '../../../worker/workflows/activity-contract';

/**
 * The benchmark's baseline: the 10-step workflow of `test/bench/fixtures/ten-step.json` written by
 * hand with the Temporal SDK, calling the same activities with the same options the interpreter
 * uses for `entity.query` (so the comparison isolates the interpreter's own cost).
 */
const { 'entity.query': query } = proxyActivities<{
  'entity.query': (call: ActivityCall) => Promise<{ items: unknown[] }>;
}>({
  startToCloseTimeout: '1 minute',
  retry: {
    maximumAttempts: 5,
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['ValidationError', 'NotFoundError', 'ConflictError', 'PermissionError'],
  },
});

export async function handwrittenBenchWorkflow(input: { limit: number }): Promise<unknown> {
  const runId = workflowInfo().workflowId;
  const call = (nodeId: string, params: Record<string, unknown>): ActivityCall => ({
    params,
    idempotencyKey: `${runId}/${nodeId}/1`,
    runId,
    workflowId: 'bench',
    nodeId,
    visit: 1,
  });
  const vars = { limit: input.limit, label: 'bench' };
  const products = (await query(call('products', { entityType: 'product', filter: {}, limit: vars.limit })))
    .items;
  const someProducts = products.length > 0;
  const accounts = (await query(call('accounts', { entityType: 'account', filter: {}, limit: vars.limit })))
    .items;
  const summary = { products: products.length, accounts: accounts.length };
  const invoices = (await query(call('invoices', { entityType: 'invoice', filter: {}, limit: vars.limit })))
    .items;
  const anyInvoices = invoices.length > 0;
  const tickets = (await query(call('tickets', { entityType: 'ticket', filter: {}, limit: 1 }))).items;
  // The JSON version branches on these too; both branches lead on, as here.
  void someProducts;
  void anyInvoices;
  return { ...summary, invoices: invoices.length, tickets: tickets.length };
}
