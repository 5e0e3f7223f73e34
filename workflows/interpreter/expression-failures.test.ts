import { FakeEffects } from '../testing/fake-effects';
import { RunFailure } from './run-failure';
import { testRequest } from '../testing/test-request';
import { WorkflowRun } from './workflow-run';
import type { WorkflowDefinition } from '../definition/workflow-definition';

const recursion = '=($f := function($n){1 + $f($n+1)}; $f(0))';

function definition(withErrorPort: boolean): WorkflowDefinition {
  return {
    name: 'Poison param',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'create', type: 'entity.create', params: { entityType: 'account', data: { name: recursion } } },
      { id: 'handled', type: 'data.set', params: { values: { reason: '=$error.message' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'create' },
      ...(withErrorPort ? [{ id: 'e2', source: 'create', sourcePort: 'error', target: 'handled' }] : []),
    ],
  };
}

describe('a param expression that trips a limit', () => {
  test('leaves an I/O node by its error port, with $error, when the port is connected', async () => {
    const effects = new FakeEffects();
    const run = new WorkflowRun(testRequest(definition(true)), effects);
    const outcome = await run.execute();
    expect(outcome).toEqual({
      kind: 'completed',
      output: {
        reason:
          'Expression in params.data.name failed: exceeded the nesting depth limit of 200 (position 27)',
      },
    });
    expect(effects.activityCalls).toEqual([]);
    expect(run.trace().map((entry) => [entry.nodeId, entry.status, entry.port])).toEqual([
      ['start', 'completed', 'out'],
      ['create', 'completed', 'error'],
      ['handled', 'completed', 'out'],
    ]);
  });

  test('fails the run, naming the node, param and bound, when it is not', async () => {
    const run = new WorkflowRun(testRequest(definition(false)), new FakeEffects());
    const failure = await run.execute().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunFailure);
    expect((failure as RunFailure).message).toBe(
      'Node "create" (entity.create) failed: Expression in params.data.name failed: exceeded the nesting depth limit of 200 (position 27)',
    );
  });
});
