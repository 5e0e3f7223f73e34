import type { WorkflowDefinition } from '../../../workflows';
import {
  dispatchesOf,
  runIdsOf,
  settledRunCount,
  startTriggerHarness,
  type TriggerHarness,
} from './trigger-harness';

/*
 * Bad trigger params are refused at publish with the node and param named; a condition that only
 * fails at run time is recorded and counts as no match, and the other triggers of the same event
 * still start.
 */

jest.setTimeout(300_000);

let harness: TriggerHarness;

beforeAll(async () => {
  harness = await startTriggerHarness('triggers-bad');
});

afterAll(async () => {
  await harness.close();
});

function onSupplier(name: string, params: Record<string, unknown>): WorkflowDefinition {
  return {
    name,
    nodes: [
      {
        id: 'start',
        type: 'trigger.entity',
        params: { entityType: 'supplier', events: ['created'], ...params },
      },
      { id: 'done', type: 'flow.end', params: {} },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'done' }],
  };
}

test.each([
  [
    'a condition that does not parse',
    { condition: '=$trigger.entity.leadTimeDays >' },
    'params.condition',
    'expression_syntax',
  ],
  ['an unknown entity type', { entityType: 'spaceship' }, 'params.entityType', 'invalid_params'],
  ['no events', { events: [] }, 'params.events', 'invalid_params'],
  ['an unknown event', { events: ['archived'] }, 'params.events[0]', 'invalid_params'],
])('publishing a trigger with %s is refused with 422 naming the param', async (_, params, path, code) => {
  const created = await harness.api('POST', '/workflows', onSupplier('Broken', params));
  expect(created.status).toBe(201);
  const published = await harness.api('POST', `/workflows/${created.body._id as string}/publish`);
  expect(published.status).toBe(422);
  expect(published.body.error.code).toBe('unprocessable');
  expect(published.body.error.details).toEqual([expect.objectContaining({ nodeId: 'start', path, code })]);
  expect((await harness.api('GET', `/workflows/${created.body._id as string}/versions`)).body.items).toEqual(
    [],
  );
});

test('a condition failing at run time is recorded as no match and blocks nothing', async () => {
  const { services, repo } = harness;
  await services.withWorker(async () => {
    const failing = await harness.publish(onSupplier('Failing', { condition: '=$trigger.entity.name + 1' }));
    const working = await harness.publish(onSupplier('Working', { condition: '=entity.name = "Good"' }));
    const { record } = await repo.create(
      'supplier',
      { name: 'Good', status: 'active', currency: 'EUR', paymentTerms: 'net30' },
      { actor: { userId: 'tester' }, roles: ['admin'] as const },
    );
    expect(await settledRunCount(services, working)).toBe(1);
    expect(await runIdsOf(services, failing)).toEqual([]);
    expect(await dispatchesOf(services, failing)).toEqual([
      expect.objectContaining({
        outcome: 'conditionFailed',
        entityId: record._id,
        message:
          'Expression in params.condition failed: The left side of the "+" operator must evaluate to a number (position 22)',
      }),
    ]);
    expect(harness.dispatcher.stats().conditionErrors).toBe(1);
  });
});
