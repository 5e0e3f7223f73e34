import { versionLog } from '../../../domain/entities';
import { createEntityRepository } from '../../../domain/entities';
import { createDomainActivities } from '../../../worker/activities/domain-activities';
import type { ActivityCall } from '../../../worker/workflows/activity-contract';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { createCompany, levels, orderFor, type Company } from './company';

/*
 * What Temporal does after a worker lost an activity's completion: it runs the activity again with
 * the same call, idempotency key included. Each domain activity then returns what the first attempt
 * did and writes nothing more, even when the attempts overlap.
 */

let services: TestServices;
let c: Company;
let activities: ReturnType<typeof createDomainActivities>;
beforeAll(async () => {
  services = await connectTestServices('domain-activity-retries');
  c = await createCompany(createEntityRepository(services.db));
  activities = createDomainActivities({ db: services.db });
});
afterAll(() => services.close());

function call(nodeId: string, params: Record<string, unknown>, visit = 1): ActivityCall {
  return {
    params,
    idempotencyKey: `run-retry/${nodeId}/${visit}`,
    runId: 'run-retry',
    workflowId: 'wf-retry',
    nodeId,
    visit,
    authority: { userId: 'publisher', roles: ['admin'] },
  };
}

/** The same call, three attempts, two of them overlapping. */
async function attempts<T>(fn: () => Promise<T>): Promise<T[]> {
  const overlapping = await Promise.all([fn(), fn()]);
  return [...overlapping, await fn()];
}

describe('domain activities retried with the same call', () => {
  it('erp.reserveStock reserves once and its compensation releases once', async () => {
    const order = await orderFor(c, [[c.desk, 3]]);
    const results = await attempts(() =>
      activities['erp.reserveStock'](call('reserve', { orderId: order._id })),
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 10, reserved: 3, available: 7 });
    const reservationId = (results[0] as { reservationId: string }).reservationId;
    const undo = { ...call('reserve', { reservationId }), idempotencyKey: 'run-retry/reserve/1/compensate' };
    await attempts(() => activities['erp.releaseStock'](undo));
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('erp.createInvoice creates one invoice with one number', async () => {
    const order = await orderFor(c, [[c.chair, 1]]);
    const results = await attempts(() =>
      activities['erp.createInvoice'](call('invoice', { salesOrderId: order._id, status: 'issued' })),
    );
    expect(new Set(results.map((invoice) => invoice._id)).size).toBe(1);
    expect(new Set(results.map((invoice) => invoice.number)).size).toBe(1);
    expect(await services.db.collection('invoice').countDocuments({ salesOrderId: order._id })).toBe(1);
    // A number is taken by the insert of a record's first version: one version took one.
    expect(await versionLog(services.db).countDocuments({ type: 'invoice', claim: /^INV-/ })).toBe(1);
  });

  it('crm.convertLead converts once: one account, one contact, one opportunity', async () => {
    const lead = await c.create('lead', {
      name: 'Mary Jackson',
      company: 'Wind Tunnels Ltd',
      currency: 'EUR',
    });
    const results = await attempts(() =>
      activities['crm.convertLead'](call('convert', { leadId: lead._id, createOpportunity: true })),
    );
    expect(results[1]).toMatchObject({ accountId: results[0]?.accountId, contactId: results[0]?.contactId });
    expect(results[2]).toMatchObject({ opportunityId: results[0]?.opportunityId });
    expect(await services.db.collection('account').countDocuments({ name: 'Wind Tunnels Ltd' })).toBe(1);
    expect(await services.db.collection('contact').countDocuments({ name: 'Mary Jackson' })).toBe(1);
    expect(await services.db.collection('opportunity').countDocuments({ leadId: lead._id })).toBe(1);
  });

  it('fails bad params and business rules as typed, non-retryable failures', async () => {
    await expect(
      activities['erp.reserveStock'](call('reserve-bad', { productId: c.desk._id, quantity: 0 })),
    ).rejects.toMatchObject({
      type: 'ValidationError',
      nonRetryable: true,
      message: 'erp.reserveStock params are invalid: params.quantity must be >= 1',
    });
    await expect(
      activities['erp.reserveStock'](call('reserve-none', { productId: c.desk._id, quantity: 99 })),
    ).rejects.toMatchObject({ type: 'InsufficientStockError', nonRetryable: true });
    await expect(
      activities['erp.creditCheck'](call('credit', { accountId: 'nope', amount: 1 })),
    ).rejects.toMatchObject({
      type: 'NotFoundError',
      nonRetryable: true,
      message: 'account nope does not exist',
    });
  });
});
