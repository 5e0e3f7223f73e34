import { WorkflowFailedError } from '@temporalio/client';
import { createEntityRepository } from '../../../domain/entities';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { eventually } from '../../support/eventually';
import { graph, queryTrace, runInput, startRun } from '../engine/engine-harness';
import { createCompany, levels, orderFor, type Company } from './company';

/*
 * The domain nodes as a workflow uses them: resolved params checked against the node type's schema,
 * typed failures routed to the error port (or failing the run), and the reservation undone when the
 * run is cancelled.
 */

let services: TestServices;
let c: Company;
beforeAll(async () => {
  services = await connectTestServices('domain-nodes-runs');
  c = await createCompany(createEntityRepository(services.db), { desk: 3 });
});
afterAll(() => services.close());

/** Runs a manual-trigger graph to its end and returns its output. */
function run(definition: ReturnType<typeof graph>, input: unknown): Promise<unknown> {
  return services.withWorker(async () => (await startRun(services, runInput(definition, input))).result());
}

describe('domain nodes in runs', () => {
  it('credit check, reservation and invoice of an order, each output where the next node reads it', async () => {
    const order = await orderFor(c, [[c.chair, 2]]);
    const definition = graph(
      'Order to invoice',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'credit',
          type: 'erp.creditCheck',
          params: { accountId: '=$input.accountId', amount: '=$input.amount', currency: 'EUR' },
        },
        { id: 'reserve', type: 'erp.reserveStock', params: { orderId: '=$input.orderId' } },
        {
          id: 'invoice',
          type: 'erp.createInvoice',
          params: { salesOrderId: '=$input.orderId', dueInDays: 10 },
        },
        {
          id: 'end',
          type: 'flow.end',
          params: {
            output: {
              approved: '=$nodes.credit.approved',
              available: '=$nodes.credit.available',
              reserved: '=$nodes.reserve.lines',
              number: '=$nodes.invoice.number',
              total: '=$nodes.invoice.total',
            },
          },
        },
      ],
      ['start->credit', 'credit->reserve', 'reserve->invoice', 'invoice->end'],
    );
    const output = await run(definition, {
      accountId: c.account._id,
      amount: order.total,
      orderId: order._id,
    });
    expect(output).toEqual({
      approved: true,
      available: 1_000_000,
      reserved: [{ productId: c.chair._id, warehouseId: c.main._id, quantity: 2 }],
      number: `INV-${new Date().getUTCFullYear()}-000001`,
      total: 28560,
    });
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 20, reserved: 2, available: 18 });
  });

  it('routes a shortage to the error port with its type, and fails the run when nothing handles it', async () => {
    const order = await orderFor(c, [[c.desk, 5]]);
    const handled = graph(
      'Shortage',
      [
        { id: 'start', type: 'trigger.manual' },
        { id: 'reserve', type: 'erp.reserveStock', params: { orderId: '=$input.orderId' } },
        { id: 'ok', type: 'flow.end', params: { output: 'reserved' } },
        { id: 'short', type: 'flow.end', params: { output: '=$error' } },
      ],
      ['start->reserve', 'reserve->ok', 'reserve:error->short'],
    );
    const shortage = `${c.desk._id}@${c.main._id}: requested 5, only 3 available`;
    expect(await run(handled, { orderId: order._id })).toEqual({
      type: 'InsufficientStockError',
      message: `insufficient stock: 2 of ${String(c.desk.sku)} missing in warehouse ${c.main._id} (requested 5, available 3)`,
      details: [{ path: `${c.desk._id}@${c.main._id}`, message: 'requested 5, only 3 available' }],
      shortages: [
        {
          productId: c.desk._id,
          sku: c.desk.sku,
          warehouseId: c.main._id,
          requested: 5,
          available: 3,
          missing: 2,
          preferredSupplierId: c.supplier._id,
          standardCost: c.desk.standardCost ?? null,
        },
      ],
    });
    const unhandled = graph('Shortage unhandled', handled.nodes.slice(0, 3), [
      'start->reserve',
      'reserve->ok',
    ]);
    const failure = await run(unhandled, { orderId: order._id }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.message).toBe(
      `Node "reserve" (erp.reserveStock) failed: insufficient stock: 2 of ${String(c.desk.sku)} missing in warehouse ${c.main._id} (requested 5, available 3) [InsufficientStockError]: ${shortage}`,
    );
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });

  it('checks resolved params against the node type: bad values are a ValidationError naming each param', async () => {
    const definition = graph(
      'Bad params',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'match',
          type: 'erp.threeWayMatch',
          params: {
            purchaseOrderId: '=$input.po',
            supplierInvoiceId: 'bill-1',
            priceToleranceBp: '=$input.tolerance',
          },
        },
        { id: 'convert', type: 'crm.convertLead', params: { leadId: '=$input.lead' } },
        { id: 'ok', type: 'flow.end', params: { output: 'matched' } },
        { id: 'bad', type: 'flow.end', params: { output: '=$error' } },
        { id: 'badLead', type: 'flow.end', params: { output: '=$error' } },
      ],
      ['start->match', 'match->ok', 'match:error->bad', 'convert:error->badLead'],
    );
    expect(await run(definition, { po: '', tolerance: 20000 })).toEqual({
      type: 'ValidationError',
      message:
        'erp.threeWayMatch params are invalid: params.purchaseOrderId must NOT have fewer than 1 characters; params.priceToleranceBp must be <= 10000',
      details: [
        { path: 'params.purchaseOrderId', message: 'must NOT have fewer than 1 characters' },
        { path: 'params.priceToleranceBp', message: 'must be <= 10000' },
      ],
    });
    const lead = graph(
      'Missing lead',
      [definition.nodes[0]!, definition.nodes[2]!, definition.nodes[5]!],
      ['start->convert', 'convert:error->badLead'],
    );
    expect(await run(lead, { lead: 'no-such-lead' })).toEqual({
      type: 'NotFoundError',
      message: 'lead no-such-lead does not exist',
      details: [],
    });
  });

  it('releases the reservation when the run is cancelled while it waits', async () => {
    const order = await orderFor(c, [[c.lamp, 4]], { warehouseId: c.south._id });
    const definition = graph(
      'Reserve then wait',
      [
        { id: 'start', type: 'trigger.manual' },
        { id: 'reserve', type: 'erp.reserveStock', params: { orderId: '=$input.orderId' } },
        { id: 'wait', type: 'flow.wait', params: { duration: 'P1D' } },
      ],
      ['start->reserve', 'reserve->wait'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition, { orderId: order._id }));
      await eventually(async () => ((await levels(c, 'LAMP@South')).reserved === 4 ? true : undefined));
      await eventually(async () => {
        const { trace } = await queryTrace(handle);
        return trace.some((entry) => entry.nodeId === 'wait') ? true : undefined;
      });
      await handle.cancel();
      await handle.result().catch(() => undefined);
      const { trace } = await queryTrace(handle);
      expect(trace.filter((entry) => entry.compensation)).toMatchObject([
        { nodeId: 'reserve', type: 'erp.reserveStock', status: 'completed' },
      ]);
    });
    expect(await levels(c, 'LAMP@South')).toEqual({ onHand: 8, reserved: 0, available: 8 });
    expect(await c.repo.get('salesOrder', order._id)).toMatchObject({ status: 'confirmed' });
  });
});
