import type { WorkflowDefinition } from './core';
import { diffDefinitions, diffGraph } from './definition-diff';

const published: WorkflowDefinition = {
  name: 'Triage',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
    {
      id: 'check',
      type: 'logic.if',
      params: { condition: '=$input.amount > 100' },
      position: { x: 300, y: 0 },
    },
    { id: 'notify', type: 'flow.end', params: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'true', target: 'notify' },
  ],
};

const draft: WorkflowDefinition = {
  name: 'Triage',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {}, position: { x: 40, y: 0 } },
    {
      id: 'check',
      type: 'logic.if',
      label: 'Big order?',
      params: { condition: '=$input.amount > 500' },
      position: { x: 300, y: 0 },
    },
    { id: 'done', type: 'flow.end', params: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e3', source: 'check', sourcePort: 'true', target: 'done' },
  ],
};

describe('definition diff', () => {
  const diff = diffDefinitions(published, draft);

  test('nodes are added, removed or changed; a moved node is not a change', () => {
    expect([...diff.nodes]).toEqual([
      ['check', 'changed'],
      ['done', 'added'],
      ['notify', 'removed'],
    ]);
    expect(diff.workflowChanged).toBe(false);
  });

  test('a changed node lists each setting that differs', () => {
    expect(diff.settings.get('check')).toEqual([
      { path: 'label', before: undefined, after: 'Big order?' },
      { path: 'params.condition', before: '=$input.amount > 100', after: '=$input.amount > 500' },
    ]);
  });

  test('edges are compared by their ports and ends', () => {
    expect([...diff.edges]).toEqual([
      ['e3', 'added'],
      ['removed:e2', 'removed'],
    ]);
  });

  test('the diff graph shows removed nodes and edges beside the new ones', () => {
    const graph = diffGraph(published, draft, diff);
    expect(graph.nodes.map((node) => node.id)).toEqual(['start', 'check', 'done', 'notify']);
    expect(graph.edges.map((edge) => edge.id)).toEqual(['e1', 'e3', 'removed:e2']);
  });

  test('the same definition has no differences', () => {
    const none = diffDefinitions(published, structuredClone(published));
    expect([none.nodes.size, none.edges.size, none.workflowChanged]).toEqual([0, 0, false]);
  });
});
