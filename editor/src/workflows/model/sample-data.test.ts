import type { TraceEntry, WorkflowDefinition } from './core';
import { evaluateExpression } from './core';
import { entityEventSample, exampleFromSchema, previewBindings, runSample } from './sample-data';

const definition: WorkflowDefinition = {
  name: 'Quote',
  nodes: [
    { id: 'start', type: 'trigger.entity', params: { entityType: 'quote', events: ['created'] } },
    { id: 'get', type: 'entity.get', params: { entityType: 'account', id: '=$trigger.entity.accountId' } },
    { id: 'check', type: 'logic.if', params: { condition: '=$.creditLimit > $trigger.entity.total' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'get' },
    { id: 'e2', source: 'get', target: 'check' },
  ],
};

describe('sample data', () => {
  test('a record becomes an entity event; created lists every field as a change', () => {
    expect(entityEventSample({ _id: 'q1', total: 5, version: 1, _events: [] }, 'created')).toEqual({
      event: 'created',
      entity: { _id: 'q1', total: 5, version: 1 },
      previous: {},
      changes: { _id: { to: 'q1' }, total: { to: 5 } },
    });
    expect(entityEventSample({ _id: 'q1' }, 'updated')).toEqual({
      event: 'updated',
      entity: { _id: 'q1' },
      previous: {},
      changes: {},
    });
  });

  test('a preview sees the sample as a run would, with $ from the node before', async () => {
    const trigger = entityEventSample({ _id: 'q1', accountId: 'a1', total: 500 }, 'created');
    const sample = {
      label: 'latest quote',
      trigger,
      input: {},
      nodes: { get: { _id: 'a1', creditLimit: 1000 } },
    };
    const bindings = previewBindings(sample, definition, 'check', Date.UTC(2026, 0, 1));
    await expect(evaluateExpression('$.creditLimit > $trigger.entity.total', bindings)).resolves.toBe(true);
    await expect(evaluateExpression('$now()', bindings)).resolves.toBe('2026-01-01T00:00:00.000Z');
    const first = previewBindings(sample, definition, 'get', 0);
    await expect(evaluateExpression('$.entity.accountId', first)).resolves.toBe('a1');
  });

  test('a run’s trace gives $trigger and $nodes', () => {
    const trace: TraceEntry[] = [
      {
        nodeId: 'start',
        type: 'trigger.entity',
        visit: 1,
        status: 'completed',
        startedAt: 'x',
        port: 'out',
        output: { event: 'created' },
      },
      {
        nodeId: 'get',
        type: 'entity.get',
        visit: 1,
        status: 'completed',
        startedAt: 'x',
        port: 'out',
        output: { _id: 'a1' },
      },
    ];
    expect(runSample('run 1', trace, { n: 1 })).toEqual({
      label: 'run 1',
      trigger: { event: 'created' },
      input: { n: 1 },
      nodes: { start: { event: 'created' }, get: { _id: 'a1' } },
    });
  });

  test('an input example comes from defaults and examples', () => {
    expect(
      exampleFromSchema({
        type: 'object',
        properties: {
          subject: { type: 'string', examples: ['Printer jam'] },
          priority: { type: 'string', default: 'normal' },
          customer: { type: 'object', properties: { name: { type: 'string', default: 'Acme' } } },
          note: { type: 'string' },
        },
      }),
    ).toEqual({ subject: 'Printer jam', priority: 'normal', customer: { name: 'Acme' } });
  });
});
