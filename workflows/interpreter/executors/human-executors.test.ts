import type { WorkflowDefinition } from '../../definition/workflow-definition';
import { FakeEffects } from '../../testing/fake-effects';
import { RunFailure } from '../run-failure';
import { testRequest } from '../../testing/test-request';
import { runWorkflow } from '../workflow-run';

/** trigger -> a people node whose `related` param is given, leaving by `approved` or `out` to the end. */
function withRelated(type: 'human.approval' | 'human.task', related: unknown): WorkflowDefinition {
  return {
    name: 'Related record',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'ask',
        type,
        params: { assigneeRole: 'support', title: 'Look', formSchema: { type: 'object' }, related },
      },
      { id: 'end', type: 'flow.end', params: {} },
    ],
    edges: [
      { id: 'e0', source: 'start', target: 'ask' },
      { id: 'e1', source: 'ask', sourcePort: type === 'human.task' ? 'out' : 'approved', target: 'end' },
    ],
  };
}

describe('the related record of a human task', () => {
  test.each([
    ['human.approval' as const, { outcome: 'approved' as const }],
    ['human.task' as const, { outcome: 'completed' as const }],
  ])('%s hands its resolved expressions to the task', async (type, result) => {
    const effects = new FakeEffects({ humanTask: () => result });
    const definition = withRelated(type, { entityType: '=$input.kind', id: '=$input.ticket._id' });
    await runWorkflow(
      testRequest(definition, { input: { kind: 'ticket', ticket: { _id: 't-9' } } }),
      effects,
    );
    expect(effects.humanTasks.map((request) => request.related)).toEqual([
      { entityType: 'ticket', id: 't-9' },
    ]);
  });

  test('a task without one has none', async () => {
    const effects = new FakeEffects({ humanTask: () => ({ outcome: 'approved' }) });
    const definition = withRelated('human.approval', undefined);
    await runWorkflow(testRequest(definition), effects);
    expect(effects.humanTasks).toHaveLength(1);
    expect(effects.humanTasks[0]).not.toHaveProperty('related');
  });

  test.each([
    [
      { entityType: '=$input.kind', id: 'a-1' },
      { kind: 'customer' },
      'params.related.entityType must be an entity type, got "customer"',
    ],
    [
      { entityType: 'account', id: '=$input.missing' },
      {},
      'params.related.id must be a record id, got nothing',
    ],
    [
      { entityType: 'account', id: '=$input.count' },
      { count: 3 },
      'params.related.id must be a record id, got 3',
    ],
    ['=$input.related', { related: 'a-1' }, 'params.related must be an object {entityType, id}, got "a-1"'],
  ])('%j with input %j fails the node before a task is created', async (related, input, message) => {
    const effects = new FakeEffects({ humanTask: () => ({ outcome: 'approved' }) });
    await expect(
      runWorkflow(testRequest(withRelated('human.approval', related), { input }), effects),
    ).rejects.toEqual(
      new RunFailure({
        code: 'invalid_param',
        nodeId: 'ask',
        message: `Node "ask" (human.approval) failed: ${message}`,
      }),
    );
    expect(effects.humanTasks).toEqual([]);
  });
});
