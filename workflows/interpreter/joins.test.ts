import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { HumanTaskResult } from './effects';
import { deferred, FakeEffects } from '../testing/fake-effects';
import joinAfterLoop from './fixtures/join-after-loop.json';
import joinAny from './fixtures/join-any.json';
import joinDeadPath from './fixtures/join-dead-path.json';
import joinInLoop from './fixtures/join-in-loop.json';
import { testRequest } from '../testing/test-request';
import { runWorkflow, WorkflowRun } from './workflow-run';

describe('logic.join in "all" mode', () => {
  test.each([
    [5000, ['account', 'credit', 'prep']],
    [50, ['account', 'prep']],
  ])('with amount %d it waits for the live branches only: %j', async (amount, arrived) => {
    const request = testRequest(joinDeadPath, { input: { accountId: 'a1', amount } });
    await expect(runWorkflow(request, new FakeEffects())).resolves.toEqual({
      kind: 'completed',
      output: { arrived, vars: { prepared: true } },
    });
  });

  test('keys its output by source node in incoming-edge order, whatever the arrival order', async () => {
    const slowAccount = deferred<unknown>();
    const effects = new FakeEffects({ activities: { 'entity.get': () => slowAccount.promise } });
    const running = runWorkflow(
      testRequest(joinDeadPath, { input: { accountId: 'a1', amount: 5000 } }),
      effects,
    );
    await new Promise((resolve) => setImmediate(resolve));
    slowAccount.resolve({ _id: 'a1' });
    await expect(running).resolves.toMatchObject({ output: { arrived: ['account', 'credit', 'prep'] } });
  });

  test('is dead itself when every incoming branch is dead, and so is what follows it', async () => {
    const definition: WorkflowDefinition = {
      name: 'All dead',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'check', type: 'logic.if', params: { condition: false } },
        { id: 'a', type: 'data.set', params: { values: { a: 1 } } },
        { id: 'b', type: 'data.set', params: { values: { b: 1 } } },
        { id: 'join', type: 'logic.join', params: { mode: 'all' } },
        { id: 'after', type: 'data.set', params: { values: { after: true } } },
        { id: 'elsewhere', type: 'data.set', params: { values: { elsewhere: true } } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'check' },
        { id: 'e2', source: 'check', sourcePort: 'true', target: 'a' },
        { id: 'e3', source: 'check', sourcePort: 'true', target: 'b' },
        { id: 'e4', source: 'a', target: 'join' },
        { id: 'e5', source: 'b', target: 'join' },
        { id: 'e6', source: 'join', target: 'after' },
        { id: 'e7', source: 'check', sourcePort: 'false', target: 'elsewhere' },
      ],
    };
    const run = new WorkflowRun(testRequest(definition), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: { elsewhere: true } });
    expect(run.trace().map((entry) => entry.nodeId)).toEqual(['start', 'check', 'elsewhere']);
  });

  test("fires once per loop round, merging the branches' $vars", async () => {
    const run = new WorkflowRun(testRequest(joinInLoop), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: { n: 3, local: 3 } });
    const visits = run
      .trace()
      .filter((entry) => entry.nodeId === 'both')
      .map((entry) => entry.visit);
    expect(visits).toEqual([1, 2, 3]);
  });

  test('does not wait for a branch whose dead signal stopped inside a loop', async () => {
    const run = new WorkflowRun(testRequest(joinAfterLoop, { input: { rework: false } }), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: ['check', 'prep'] });
  });

  test('waits for a branch that went round its loop', async () => {
    const outcomes: HumanTaskResult['outcome'][] = ['rejected', 'approved'];
    const effects = new FakeEffects({ humanTask: () => ({ outcome: outcomes.shift() ?? 'approved' }) });
    const run = new WorkflowRun(testRequest(joinAfterLoop, { input: { rework: true } }), effects);
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: ['review', 'prep'] });
    expect(effects.humanTasks.map((task) => task.idempotencyKey)).toEqual([
      'run-1/review/1',
      'run-1/review/2',
    ]);
  });
});

describe('logic.join in "any" mode', () => {
  test.each([
    ['quoteA', 'quoteB'],
    ['quoteB', 'quoteA'],
  ])('goes on with %s when it answers first, and ignores %s', async (first, second) => {
    const answers = { quoteA: deferred<unknown>(), quoteB: deferred<unknown>() };
    const effects = new FakeEffects({
      activities: { 'http.request': (request) => answers[request.nodeId as 'quoteA' | 'quoteB'].promise },
    });
    const run = new WorkflowRun(testRequest(joinAny, { input: { useA: true } }), effects);
    const running = run.execute();
    await new Promise((resolve) => setImmediate(resolve));
    answers[first as 'quoteA'].resolve({ status: 200 });
    await new Promise((resolve) => setImmediate(resolve));
    answers[second as 'quoteA'].resolve({ status: 200 });
    await expect(running).resolves.toEqual({ kind: 'completed', output: { winner: first } });
    expect(run.trace().filter((entry) => entry.nodeId === 'pick')).toHaveLength(1);
    expect(run.trace().filter((entry) => entry.nodeId === second)[0]?.status).toBe('completed');
  });

  test('skips a dead branch and fires on the live one', async () => {
    const run = new WorkflowRun(testRequest(joinAny, { input: { useA: false } }), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: { winner: 'quoteB' } });
    expect(run.trace().map((entry) => entry.nodeId)).toEqual(['start', 'useA', 'quoteB', 'first', 'pick']);
  });
});

describe('several triggers', () => {
  test('the triggers that did not fire count as dead branches', async () => {
    const definition: WorkflowDefinition = {
      name: 'Two ways in',
      nodes: [
        { id: 'byHand', type: 'trigger.manual', params: {} },
        { id: 'onOrder', type: 'trigger.entity', params: { entityType: 'salesOrder', events: ['created'] } },
        { id: 'join', type: 'logic.join', params: { mode: 'all' } },
        { id: 'after', type: 'data.set', params: { values: { ok: true } } },
      ],
      edges: [
        { id: 'e1', source: 'byHand', target: 'join' },
        { id: 'e2', source: 'onOrder', target: 'join' },
        { id: 'e3', source: 'join', target: 'after' },
      ],
    };
    const run = new WorkflowRun(testRequest(definition, { startNodeId: 'onOrder' }), new FakeEffects());
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: { ok: true } });
    expect(run.trace().map((entry) => entry.nodeId)).toEqual(['onOrder', 'join', 'after']);
  });
});
