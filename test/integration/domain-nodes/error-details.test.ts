import { WorkflowFailedError } from '@temporalio/client';
import { startEntityApi, type EntityApi } from '../entities/entity-api';
import { graph, queryTrace, runInput, startRun } from '../engine/engine-harness';

/*
 * A node that fails on a validation or business rule keeps the field details the HTTP API answers
 * with: in `$error.details` on the error port, in the failed visit's trace entry (which the run
 * viewer lists under the node), and in the run's error.
 */

let api: EntityApi;
beforeAll(async () => {
  api = await startEntityApi('error-details');
});
afterAll(() => api.close());

const requisition = {
  requesterId: 'r'.repeat(65),
  reason: 'Restock the showroom',
  lines: [{ productId: 'prd-lamp', quantity: 2, unitCost: 12.5 }],
};

function createRequisition(errorPort: boolean) {
  return graph(
    'Raise a requisition',
    [
      { id: 'start', type: 'trigger.manual' },
      {
        id: 'raise',
        type: 'entity.create',
        params: { entityType: 'purchaseRequisition', data: '=$input' },
      },
      { id: 'handled', type: 'flow.end', params: { output: '=$error' } },
    ],
    ['start->raise', ...(errorPort ? ['raise:error->handled'] : [])],
  );
}

describe('errors carry their details', () => {
  it('from the activity to the error port, the trace and the run error, as the HTTP API gives them', async () => {
    const response = await api.request('POST', '/entities/purchaseRequisition', requisition);
    expect(response.status).toBe(400);
    const { message, details } = response.body.error as { message: string; details: unknown[] };
    expect(details).toEqual([
      { path: 'requesterId', message: 'must NOT have more than 64 characters' },
      { path: 'lines.0.unitCost', message: 'must be integer' },
    ]);
    const { services } = api;

    const handled = await services.withWorker(async () =>
      (await startRun(services, runInput(createRequisition(true), requisition))).result(),
    );
    expect(handled).toEqual({ message, type: 'ValidationError', details });

    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(createRequisition(false), requisition));
      const failure = await handle.result().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause;
      expect(cause?.message).toBe(
        `Node "raise" (entity.create) failed: ${message} [ValidationError]: requesterId: must NOT have more than 64 characters; lines.0.unitCost: must be integer`,
      );
      const { trace } = await queryTrace(handle);
      expect(trace.find((entry) => entry.nodeId === 'raise')).toMatchObject({
        status: 'failed',
        error: { message, type: 'ValidationError', details },
      });
    });
  });
});
