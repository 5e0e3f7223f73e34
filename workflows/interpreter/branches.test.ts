import type { WorkflowDefinition } from '../definition/workflow-definition';
import { FakeEffects } from '../testing/fake-effects';
import ifBranches from './fixtures/if-branches.json';
import switchRouting from './fixtures/switch-routing.json';
import { RunFailure } from './run-failure';
import { testRequest } from '../testing/test-request';
import { runWorkflow, WorkflowRun } from './workflow-run';

const visited = (run: WorkflowRun) =>
  run.trace().map((entry) => `${entry.nodeId}:${entry.status}:${entry.port ?? ''}`);

describe('logic.if', () => {
  test.each([
    [5000, { route: 'manager', amount: 5000, from: { route: 'manager' } }, 'manager'],
    [20, { route: 'auto', amount: 20, from: { route: 'auto' } }, 'auto'],
  ])('amount %d leaves by the matching port only', async (amount, output, taken) => {
    const run = new WorkflowRun(testRequest(ifBranches, { input: { amount } }), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output });
    expect(visited(run)).toEqual([
      'start:completed:out',
      'load:completed:out',
      `big:completed:${amount > 1000 ? 'true' : 'false'}`,
      `${taken}:completed:out`,
      'done:completed:',
    ]);
  });
});

describe('logic.switch', () => {
  test.each([
    [{ country: 'FR', amount: 500 }, 'eu'],
    [{ country: 'US', amount: 500 }, 'us'],
    [{ country: 'JP', amount: 500 }, 'big'],
    [{ country: 'JP', amount: 5 }, 'other'],
  ])('%j goes to the %s desk (first matching case, else default)', async (input, desk) => {
    const run = new WorkflowRun(testRequest(switchRouting, { input }), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: { desk } });
    expect(run.trace().map((entry) => entry.nodeId)).toEqual(['start', 'region', `${desk}Desk`]);
  });
});

describe('params and bindings', () => {
  test('an expression error fails its node with the node id and the param path', async () => {
    const definition: WorkflowDefinition = {
      ...ifBranches,
      nodes: ifBranches.nodes.map((node) =>
        node.id === 'big' ? { ...node, params: { condition: '=$vars.amount() > 1000' } } : node,
      ),
    };
    const run = new WorkflowRun(testRequest(definition, { input: { amount: 1 } }), new FakeEffects());
    const failure = await run.execute().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunFailure);
    expect(failure).toMatchObject({
      code: 'expression_failed',
      nodeId: 'big',
      message:
        'Node "big" (logic.if) failed: Expression in params.condition failed: Attempted to invoke a non-function (position 13)',
    });
    expect(run.trace().at(-1)).toMatchObject({
      nodeId: 'big',
      status: 'failed',
      error: {
        type: 'ExpressionError',
        message: 'Expression in params.condition failed: Attempted to invoke a non-function (position 13)',
      },
    });
  });

  test('bindings: $trigger, $input, $run, $now() from the effects clock, $ from the activating node', async () => {
    const definition: WorkflowDefinition = {
      name: 'Bindings',
      nodes: [
        { id: 'start', type: 'trigger.entity', params: { entityType: 'quote', events: ['created'] } },
        { id: 'first', type: 'data.set', params: { values: { number: '=$trigger.entity.number' } } },
        {
          id: 'show',
          type: 'flow.end',
          params: {
            output: {
              dollar: '=$',
              nodes: '=$keys($nodes)',
              input: '=$input',
              run: '=$run.id & " v" & $string($run.version)',
              now: '=$now()',
              escaped: '==not an expression',
            },
          },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'first' },
        { id: 'e2', source: 'first', target: 'show' },
      ],
    };
    const effects = new FakeEffects({ startTime: Date.UTC(2025, 5, 1, 12, 0, 0) });
    const request = testRequest(definition, {
      trigger: { event: 'created', entity: { number: 'Q-7' } },
      input: { a: 1 },
    });
    await expect(runWorkflow(request, effects)).resolves.toEqual({
      kind: 'completed',
      output: {
        dollar: { number: 'Q-7' },
        nodes: ['start', 'first'],
        input: { a: 1 },
        run: 'run-1 v1',
        now: '2025-06-01T12:00:00.000Z',
        escaped: '=not an expression',
      },
    });
  });

  test('without flow.end the output is that of the last node to end a branch', async () => {
    const definition: WorkflowDefinition = {
      name: 'No end',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'only', type: 'data.set', params: { values: { x: 1 } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'only' }],
    };
    await expect(runWorkflow(testRequest(definition), new FakeEffects())).resolves.toEqual({
      kind: 'completed',
      output: { x: 1 },
    });
  });

  test('a disabled node is skipped and passes control (and its input) on through "out"', async () => {
    const definition: WorkflowDefinition = {
      ...ifBranches,
      nodes: ifBranches.nodes.map((node) => (node.id === 'manager' ? { ...node, disabled: true } : node)),
    };
    const run = new WorkflowRun(testRequest(definition, { input: { amount: 5000 } }), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({
      kind: 'completed',
      output: { amount: 5000, from: { amount: 5000 } },
    });
    expect(visited(run)).toContain('manager:skipped:out');
  });

  test("a run must start at one of the definition's triggers", async () => {
    await expect(
      runWorkflow(testRequest(ifBranches, { startNodeId: 'load' }), new FakeEffects()),
    ).rejects.toEqual(
      new RunFailure({ code: 'invalid_start', message: 'Workflow "If branches" has no trigger node "load"' }),
    );
  });
});
