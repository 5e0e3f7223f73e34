import type { TraceEntry, WorkflowDefinition } from './core';
import { nodeOutputs, nodeRunStates, traversedEdges } from './trace-overlay';

const definition: WorkflowDefinition = {
  name: 'Loop',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    { id: 'approve', type: 'human.approval', params: { assigneeRole: 'sales', title: 'OK?' } },
    { id: 'fix', type: 'data.set', params: { values: {} } },
    { id: 'done', type: 'flow.end', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'approve' },
    { id: 'e2', source: 'approve', sourcePort: 'rejected', target: 'fix' },
    { id: 'e3', source: 'fix', target: 'approve' },
    { id: 'e4', source: 'approve', sourcePort: 'approved', target: 'done' },
  ],
};

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const trace: TraceEntry[] = [
  {
    nodeId: 'start',
    type: 'trigger.manual',
    visit: 1,
    status: 'completed',
    startedAt: at(0),
    endedAt: at(0),
    port: 'out',
    output: { event: 'manual' },
  },
  {
    nodeId: 'approve',
    type: 'human.approval',
    visit: 1,
    status: 'completed',
    startedAt: at(1),
    endedAt: at(5),
    port: 'rejected',
    output: { outcome: 'rejected' },
  },
  {
    nodeId: 'fix',
    type: 'data.set',
    visit: 1,
    status: 'completed',
    startedAt: at(5),
    endedAt: at(5),
    port: 'out',
    output: { n: 1 },
  },
  { nodeId: 'approve', type: 'human.approval', visit: 2, status: 'waiting', startedAt: at(6) },
];

describe('trace overlay', () => {
  test('each node shows its latest visit and keeps every visit', () => {
    const states = nodeRunStates(trace);
    expect([...states.keys()]).toEqual(['start', 'approve', 'fix']);
    expect(states.get('approve')).toEqual({ status: 'waiting', visits: [trace[1], trace[3]] });
    expect(states.get('start')).toEqual({ status: 'completed', visits: [trace[0]], durationMs: 0 });
    expect(nodeRunStates(trace.slice(0, 2)).get('approve')!.durationMs).toBe(4000);
  });

  test('the edges taken are those left by a visited port towards a visited node', () => {
    expect([...traversedEdges(definition, trace)].sort()).toEqual(['e1', 'e2', 'e3']);
  });

  test('$nodes holds each node’s latest completed output', () => {
    expect(nodeOutputs(trace)).toEqual({
      start: { event: 'manual' },
      approve: { outcome: 'rejected' },
      fix: { n: 1 },
    });
  });
});
