import type { WorkflowDefinition } from '../../../workflows';
import { urlSafeId } from '../../../workflows/runtime/url-safe-id';
import { eventually } from '../../support/eventually';
import {
  chainDepthsOf,
  dispatchesOf,
  runIdsOf,
  settledRunCount,
  startTriggerHarness,
  type TriggerHarness,
} from './trigger-harness';

/*
 * The loop guard: a run's writes carry its id, so its own workflow is not triggered by them, and
 * chains of workflows triggering each other stop at TRIGGER_MAX_CHAIN_DEPTH (4 here).
 */

jest.setTimeout(600_000);

let harness: TriggerHarness;

beforeAll(async () => {
  harness = await startTriggerHarness('triggers-loop', { maxChainDepth: 4 });
});

afterAll(async () => {
  await harness.close();
});

const actor = { actor: { userId: 'tester' }, roles: ['admin'] as const };

/** On an update of one record, writes `field` of another record (or the same one). */
function writer(
  name: string,
  on: { entityType: string; id: string },
  write: { entityType: string; id: string; field: string },
): WorkflowDefinition {
  return {
    name,
    nodes: [
      {
        id: 'start',
        type: 'trigger.entity',
        params: {
          entityType: on.entityType,
          events: ['updated'],
          condition: `=$trigger.entityId = "${on.id}"`,
        },
      },
      {
        id: 'write',
        type: 'entity.update',
        params: {
          entityType: write.entityType,
          id: write.id,
          changes: { [write.field]: '="by " & $run.id' },
        },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'write' }],
  };
}

test('a workflow that updates the record that triggered it runs once', async () => {
  const { services, repo } = harness;
  await services.withWorker(async () => {
    const { record } = await repo.create(
      'supplier',
      { name: 'Self', status: 'active', currency: 'EUR', paymentTerms: 'net30' },
      actor,
    );
    const workflowId = await harness.publish(
      writer(
        'Stamp the supplier',
        { entityType: 'supplier', id: record._id },
        { entityType: 'supplier', id: record._id, field: 'description' },
      ),
    );
    await repo.update('supplier', record._id, { status: 'onHold' }, {}, actor);

    const skipped = await eventually(async () =>
      (await dispatchesOf(services, workflowId)).find((entry) => entry.outcome === 'skipped'),
    );
    expect(await settledRunCount(services, workflowId)).toBe(1);
    const [runId] = await runIdsOf(services, workflowId);
    expect((await repo.get('supplier', record._id)).description).toBe(`by ${runId}`);
    expect(await chainDepthsOf(services, workflowId)).toEqual([1]);
    expect(await dispatchesOf(services, workflowId)).toEqual([
      expect.objectContaining({
        outcome: 'skipped',
        reason: 'ownWrite',
        causedByRunId: runId,
        chainDepth: 2,
        message: `the event was written by run ${runId} of this workflow`,
      }),
    ]);
    expect(skipped.entityId).toBe(record._id);
    await harness.api('POST', `/workflows/${workflowId}/unpublish`);
  });
});

test('two workflows triggering each other stop at the configured chain depth', async () => {
  const { services, repo } = harness;
  await services.withWorker(async () => {
    const { record: supplier } = await repo.create(
      'supplier',
      { name: 'Ping', status: 'active', currency: 'EUR', paymentTerms: 'net30' },
      actor,
    );
    const { record: note } = await repo.create(
      'activity',
      { type: 'note', subject: 'Pong', status: 'planned' },
      actor,
    );
    const ping = await harness.publish(
      writer(
        'Ping',
        { entityType: 'supplier', id: supplier._id },
        { entityType: 'activity', id: note._id, field: 'subject' },
      ),
    );
    const pong = await harness.publish(
      writer(
        'Pong',
        { entityType: 'activity', id: note._id },
        { entityType: 'supplier', id: supplier._id, field: 'description' },
      ),
    );
    await repo.update('supplier', supplier._id, { status: 'onHold' }, {}, actor);

    // Ping (1) → Pong (2) → Ping (3) → Pong (4) → Ping would be 5: skipped.
    await eventually(async () =>
      (await dispatchesOf(services, ping)).find((entry) => entry.reason === 'chainDepth'),
    );
    expect(await settledRunCount(services, ping)).toBe(2);
    expect(await settledRunCount(services, pong)).toBe(2);
    expect(await chainDepthsOf(services, ping)).toEqual([1, 3]);
    expect(await chainDepthsOf(services, pong)).toEqual([2, 4]);
    expect(
      (await dispatchesOf(services, ping)).map(({ outcome, reason, chainDepth }) => ({
        outcome,
        reason,
        chainDepth,
      })),
    ).toEqual([{ outcome: 'skipped', reason: 'chainDepth', chainDepth: 5 }]);
    expect(await dispatchesOf(services, pong)).toEqual([]);
    const [skipped] = (await dispatchesOf(services, ping)).filter((entry) => entry.outcome === 'skipped');
    expect(skipped?.message).toBe('the run would be number 5 in a chain of triggered runs; the limit is 4');
  });
});

test("a child run's writes count in its parent's chain", async () => {
  const { services, repo } = harness;
  await services.withWorker(async () => {
    const { record: supplier } = await repo.create(
      'supplier',
      { name: 'Parent', status: 'active', currency: 'EUR', paymentTerms: 'net30' },
      actor,
    );
    const { record: note } = await repo.create(
      'activity',
      { type: 'note', subject: 'Child', status: 'planned' },
      actor,
    );
    const child = await harness.publish({
      name: 'Write the note',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        {
          id: 'write',
          type: 'entity.update',
          params: { entityType: 'activity', id: note._id, changes: { subject: '="by " & $run.id' } },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'write' }],
    });
    const parent = await harness.publish({
      name: 'Ping through a child',
      nodes: [
        {
          id: 'start',
          type: 'trigger.entity',
          params: {
            entityType: 'supplier',
            events: ['updated'],
            condition: `=$trigger.entityId = "${supplier._id}"`,
          },
        },
        { id: 'child', type: 'flow.subworkflow', params: { workflowId: child } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'child' }],
    });
    const pong = await harness.publish(
      writer(
        'Pong the parent',
        { entityType: 'activity', id: note._id },
        { entityType: 'supplier', id: supplier._id, field: 'description' },
      ),
    );
    await repo.update('supplier', supplier._id, { status: 'onHold' }, {}, actor);

    // Parent (1, its child writes at 1) → Pong (2) → Parent (3) → Pong (4) → Parent would be 5.
    await eventually(async () =>
      (await dispatchesOf(services, parent)).find((entry) => entry.reason === 'chainDepth'),
    );
    expect(await chainDepthsOf(services, parent)).toEqual([1, 3]);
    expect(await chainDepthsOf(services, pong)).toEqual([2, 4]);
    // Each parent run's child has the URL-safe form of the node visit's key as its id.
    const parentRuns = await runIdsOf(services, parent);
    expect(await runIdsOf(services, child)).toEqual(
      parentRuns.map((runId) => urlSafeId(`${runId}/child/1`)).sort(),
    );
    for (const workflowId of [parent, pong, child]) {
      await harness.api('POST', `/workflows/${workflowId}/unpublish`);
    }
  });
});
