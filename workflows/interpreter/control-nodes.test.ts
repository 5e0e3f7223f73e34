import type { WorkflowDefinition, WorkflowNode } from '../definition/workflow-definition';
import type { HumanTaskRequest } from './effects';
import { deferred, FakeEffects } from '../testing/fake-effects';
import { RunFailure } from './run-failure';
import { testRequest } from '../testing/test-request';
import { runWorkflow, WorkflowRun } from './workflow-run';

/** trigger -> node, with each of `ports` wired to a data.set that records which port was taken. */
function single(node: WorkflowNode, ports: string[] = ['out']): WorkflowDefinition {
  return {
    name: `Single ${node.type}`,
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      node,
      ...ports.map((port) => ({
        id: `via_${port}`,
        type: 'data.set',
        params: { values: { port, output: `=$nodes.${node.id}` } },
      })),
    ],
    edges: [
      { id: 'e0', source: 'start', target: node.id },
      ...ports.map((port) => ({ id: `e_${port}`, source: node.id, sourcePort: port, target: `via_${port}` })),
    ],
  };
}

describe('flow.wait', () => {
  test('sleeps for a duration on the effects timer', async () => {
    const effects = new FakeEffects({ startTime: Date.UTC(2025, 0, 1) });
    const definition = single({ id: 'pause', type: 'flow.wait', params: { duration: 'PT90S' } });
    await expect(runWorkflow(testRequest(definition), effects)).resolves.toEqual({
      kind: 'completed',
      output: { port: 'out', output: { resumedAt: '2025-01-01T00:01:30.000Z' } },
    });
    expect(effects.sleeps).toEqual([90_000]);
  });

  test.each([
    ['2025-01-01T01:00:00Z', [3_600_000]],
    ['2024-12-31T00:00:00Z', []],
  ])('until %s sleeps %j', async (until, sleeps) => {
    const effects = new FakeEffects({ startTime: Date.UTC(2025, 0, 1) });
    await runWorkflow(testRequest(single({ id: 'pause', type: 'flow.wait', params: { until } })), effects);
    expect(effects.sleeps).toEqual(sleeps);
  });

  test('a duration from an expression that is not one fails the node', async () => {
    const definition = single({ id: 'pause', type: 'flow.wait', params: { duration: '=$input.wait' } });
    await expect(
      runWorkflow(testRequest(definition, { input: { wait: 'soon' } }), new FakeEffects()),
    ).rejects.toEqual(
      new RunFailure({
        code: 'invalid_param',
        nodeId: 'pause',
        message: 'Node "pause" (flow.wait) failed: params.duration must be an ISO 8601 duration, got "soon"',
      }),
    );
  });
});

describe('flow.waitFor', () => {
  const node: WorkflowNode = {
    id: 'paid',
    type: 'flow.waitFor',
    params: {
      entityType: 'invoice',
      id: '=$input.invoiceId',
      condition: '=status = "paid" and $entity.amountPaid >= $input.total',
      timeout: 'P30D',
    },
  };

  test('passes the record versions to the condition until one matches', async () => {
    const versions = [
      { status: 'open', amountPaid: 0 },
      { status: 'paid', amountPaid: 50 },
      { status: 'paid', amountPaid: 100 },
    ];
    const tested: boolean[] = [];
    const effects = new FakeEffects({
      waitForEntity: async (request) => {
        expect(request).toMatchObject({ entityType: 'invoice', id: 'inv-1', timeoutMs: 2_592_000_000 });
        for (const version of versions) {
          const matched = await request.matches(version);
          tested.push(matched);
          if (matched) return { timedOut: false, entity: version };
        }
        return { timedOut: true };
      },
    });
    const request = testRequest(single(node, ['out', 'timeout']), {
      input: { invoiceId: 'inv-1', total: 100 },
    });
    await expect(runWorkflow(request, effects)).resolves.toEqual({
      kind: 'completed',
      output: { port: 'out', output: { status: 'paid', amountPaid: 100 } },
    });
    expect(tested).toEqual([false, false, true]);
  });

  test('leaves by "timeout" when the effect times out', async () => {
    const request = testRequest(single(node, ['out', 'timeout']), {
      input: { invoiceId: 'inv-1', total: 1 },
    });
    await expect(runWorkflow(request, new FakeEffects())).resolves.toEqual({
      kind: 'completed',
      output: { port: 'timeout', output: { timedOut: true } },
    });
  });

  test('a condition that fails to evaluate fails the node', async () => {
    const broken = { ...node, params: { ...node.params, condition: '=$entity.total()' } };
    const effects = new FakeEffects({
      waitForEntity: async (request) => {
        await request.matches({ total: 1 });
        return { timedOut: true };
      },
    });
    await expect(
      runWorkflow(testRequest(single(broken), { input: { invoiceId: 'i' } }), effects),
    ).rejects.toThrow(
      'Node "paid" (flow.waitFor) failed: Expression in params.condition failed: Attempted to invoke a non-function (position 14)',
    );
  });
});

describe('human tasks', () => {
  test('an approval creates a task with its params and leaves by the decision', async () => {
    const effects = new FakeEffects({
      humanTask: () => ({ outcome: 'rejected', data: { reason: 'price' }, completedBy: 'u7' }),
    });
    const node: WorkflowNode = {
      id: 'approve',
      type: 'human.approval',
      params: {
        assigneeRole: 'salesManager',
        title: '="Approve " & $input.number',
        description: 'Discount above policy',
        formSchema: { type: 'object', properties: { reason: { type: 'string' } } },
        dueIn: 'P2D',
        escalateTo: 'admin',
      },
    };
    const definition = single(node, ['approved', 'rejected', 'timeout']);
    await expect(
      runWorkflow(testRequest(definition, { input: { number: 'Q-1' } }), effects),
    ).resolves.toEqual({
      kind: 'completed',
      output: {
        port: 'rejected',
        output: { outcome: 'rejected', data: { reason: 'price' }, completedBy: 'u7' },
      },
    });
    expect(effects.humanTasks).toEqual<HumanTaskRequest[]>([
      {
        kind: 'approval',
        nodeId: 'approve',
        visit: 1,
        idempotencyKey: 'run-1/approve/1',
        assigneeRole: 'salesManager',
        title: 'Approve Q-1',
        description: 'Discount above policy',
        formSchema: { type: 'object', properties: { reason: { type: 'string' } } },
        dueInMs: 172_800_000,
        escalateTo: 'admin',
        run: { id: 'run-1', workflowId: 'wf-test', version: 1, startedAt: '2025-01-31T09:00:00.000Z' },
      },
    ]);
  });

  test.each([
    [{ outcome: 'completed' as const, data: { released: true } }, 'out', { released: true }],
    [{ outcome: 'timeout' as const }, 'timeout', { outcome: 'timeout' }],
  ])('a task that ends %j leaves by %s', async (result, port, output) => {
    const node: WorkflowNode = {
      id: 'form',
      type: 'human.task',
      params: { assigneeRole: 'finance', title: 'Release?', formSchema: { type: 'object' } },
    };
    const effects = new FakeEffects({ humanTask: () => result });
    await expect(runWorkflow(testRequest(single(node, ['out', 'timeout'])), effects)).resolves.toEqual({
      kind: 'completed',
      output: { port, output },
    });
  });

  test('a visit waiting on a person shows as "waiting" in the trace meanwhile', async () => {
    const decision = deferred<{ outcome: 'approved' }>();
    const effects = new FakeEffects({ humanTask: () => decision.promise });
    const node: WorkflowNode = {
      id: 'approve',
      type: 'human.approval',
      params: { assigneeRole: 'sales', title: 'OK?' },
    };
    const run = new WorkflowRun(testRequest(single(node, ['approved'])), effects);
    const running = run.execute();
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.trace().map((entry) => [entry.nodeId, entry.status])).toEqual([
      ['start', 'completed'],
      ['approve', 'waiting'],
    ]);
    decision.resolve({ outcome: 'approved' });
    await running;
    expect(run.trace().map((entry) => [entry.nodeId, entry.status])).toEqual([
      ['start', 'completed'],
      ['approve', 'completed'],
      ['via_approved', 'completed'],
    ]);
  });
});

describe('flow.subworkflow', () => {
  test.each([
    [true, { total: 42 }],
    [false, { runId: 'run-1/child/1' }],
  ])('with wait %s outputs %j', async (wait, output) => {
    const effects = new FakeEffects({
      startChild: (request) => (request.wait ? { total: 42 } : { runId: request.idempotencyKey }),
    });
    const node: WorkflowNode = {
      id: 'child',
      type: 'flow.subworkflow',
      params: { workflowId: 'dunning', input: { invoice: '=$input.invoice' }, wait },
    };
    await expect(
      runWorkflow(testRequest(single(node), { input: { invoice: 'i1' } }), effects),
    ).resolves.toEqual({
      kind: 'completed',
      output: { port: 'out', output },
    });
  });

  test('a failed child fails the node', async () => {
    const effects = new FakeEffects({
      startChild: () => Promise.reject(new Error('Workflow "dunning" has no published version')),
    });
    const node: WorkflowNode = { id: 'child', type: 'flow.subworkflow', params: { workflowId: 'dunning' } };
    await expect(runWorkflow(testRequest(single(node)), effects)).rejects.toThrow(
      'Node "child" (flow.subworkflow) failed: child run failed: Workflow "dunning" has no published version',
    );
  });
});

describe('flow.end and flow.fail', () => {
  const racing = (end: WorkflowNode): WorkflowDefinition => ({
    name: 'End while a branch runs',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'slow', type: 'http.request', params: { method: 'GET', url: 'https://slow.example.com' } },
      { id: 'afterSlow', type: 'data.set', params: { values: { late: true } } },
      end,
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'slow' },
      { id: 'e2', source: 'slow', target: 'afterSlow' },
      { id: 'e3', source: 'start', target: end.id },
    ],
  });

  test('flow.end ends the run at once with its output, abandoning branches in flight', async () => {
    const effects = new FakeEffects({ activities: { 'http.request': () => new Promise(() => {}) } });
    const run = new WorkflowRun(
      testRequest(racing({ id: 'end', type: 'flow.end', params: { output: { done: '=$input.x' } } }), {
        input: { x: 1 },
      }),
      effects,
    );
    await expect(run.execute()).resolves.toEqual({ kind: 'completed', output: { done: 1 } });
    expect(run.trace().map((entry) => [entry.nodeId, entry.status])).toEqual([
      ['start', 'completed'],
      ['slow', 'running'],
      ['end', 'completed'],
    ]);
  });

  test('flow.fail fails the run with its message', async () => {
    const effects = new FakeEffects({ activities: { 'http.request': () => new Promise(() => {}) } });
    const definition = racing({
      id: 'stop',
      type: 'flow.fail',
      params: { message: '="Stopped: " & $input.why' },
    });
    await expect(
      runWorkflow(testRequest(definition, { input: { why: 'duplicate order' } }), effects),
    ).rejects.toEqual(
      new RunFailure({ code: 'flow_fail', nodeId: 'stop', message: 'Stopped: duplicate order' }),
    );
  });
});
