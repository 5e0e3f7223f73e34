import type { WorkflowDefinition } from '../definition/workflow-definition';
import { deferred, FakeEffects } from '../testing/fake-effects';
import { testRequest } from '../testing/test-request';
import { WorkflowRun } from './workflow-run';

const ticks = async (count: number) => {
  for (let tick = 0; tick < count; tick += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('parallel branches', () => {
  const fanOut: WorkflowDefinition = {
    name: 'Fan out',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'left', type: 'http.request', params: { method: 'GET', url: 'https://left.example.com' } },
      { id: 'right', type: 'http.request', params: { method: 'GET', url: 'https://right.example.com' } },
      { id: 'both', type: 'logic.join', params: { mode: 'all' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'left' },
      { id: 'e2', source: 'start', target: 'right' },
      { id: 'e3', source: 'left', target: 'both' },
      { id: 'e4', source: 'right', target: 'both' },
    ],
  };

  test('really run at the same time', async () => {
    const gates = { left: deferred<unknown>(), right: deferred<unknown>() };
    const effects = new FakeEffects({
      activities: { 'http.request': (request) => gates[request.nodeId as 'left' | 'right'].promise },
    });
    const run = new WorkflowRun(testRequest(fanOut), effects);
    const running = run.execute();
    await ticks(3);
    // Both activities started before either finished.
    expect(effects.log).toEqual(['start http.request left', 'start http.request right']);
    expect(run.trace().map((entry) => `${entry.nodeId}:${entry.status}`)).toEqual([
      'start:completed',
      'left:running',
      'right:running',
    ]);
    gates.right.resolve({ status: 200, body: 'R' });
    gates.left.resolve({ status: 200, body: 'L' });
    await expect(running).resolves.toEqual({
      kind: 'completed',
      output: { left: { status: 200, body: 'L' }, right: { status: 200, body: 'R' } },
    });
    expect(effects.maxInFlight).toBe(2);
  });

  test('do not share bindings: each keeps its own $vars, while $nodes accumulates', async () => {
    const definition: WorkflowDefinition = {
      name: 'Isolated branches',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'setA', type: 'data.set', params: { values: { x: 'a' } } },
        { id: 'setB', type: 'data.set', params: { values: { x: 'b' } } },
        { id: 'slowA', type: 'http.request', params: { method: 'GET', url: 'https://a.example.com' } },
        {
          id: 'readA',
          type: 'data.set',
          params: { values: { y: '=$vars.x & "!"', sawB: '=$exists($nodes.readB)' } },
        },
        { id: 'readB', type: 'data.set', params: { values: { z: '=$vars.x & "?"' } } },
        { id: 'both', type: 'logic.join', params: { mode: 'all' } },
        {
          id: 'end',
          type: 'flow.end',
          params: { output: { vars: '=$vars', readA: '=$.readA', readB: '=$.readB' } },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'setA' },
        { id: 'e2', source: 'start', target: 'setB' },
        { id: 'e3', source: 'setA', target: 'slowA' },
        { id: 'e4', source: 'slowA', target: 'readA' },
        { id: 'e5', source: 'setB', target: 'readB' },
        { id: 'e6', source: 'readA', target: 'both' },
        { id: 'e7', source: 'readB', target: 'both' },
        { id: 'e8', source: 'both', target: 'end' },
      ],
    };
    const slow = deferred<unknown>();
    const effects = new FakeEffects({ activities: { 'http.request': () => slow.promise } });
    const running = new WorkflowRun(testRequest(definition), effects).execute();
    await ticks(3);
    slow.resolve({ status: 204 });
    await expect(running).resolves.toEqual({
      kind: 'completed',
      output: {
        readA: { y: 'a!', sawB: true },
        readB: { z: 'b?' },
        // At the join, each variable keeps the value written last: setB ran after setA.
        vars: { x: 'b', y: 'a!', sawB: true, z: 'b?' },
      },
    });
  });
});
