import type { WorkflowDefinition } from './core';
import { projectGroups, swimlanes } from './group-view';

const definition: WorkflowDefinition = {
  name: 'Staged',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
    { id: 'check', type: 'logic.if', params: { condition: '=true' }, position: { x: 300, y: 0 } },
    {
      id: 'approve',
      type: 'human.approval',
      params: { assigneeRole: 'finance', title: 'OK?' },
      position: { x: 600, y: 0 },
    },
    { id: 'note', type: 'data.set', params: { values: {} }, position: { x: 600, y: 200 } },
    { id: 'done', type: 'flow.end', params: {}, position: { x: 900, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'true', target: 'approve' },
    { id: 'e3', source: 'check', sourcePort: 'false', target: 'note' },
    { id: 'e4', source: 'approve', sourcePort: 'approved', target: 'done' },
    { id: 'e5', source: 'note', target: 'done' },
  ],
  groups: [
    { id: 'review', name: 'Review', nodes: ['check', 'approve', 'note'] },
    { id: 'close', name: 'Close', nodes: ['done'] },
  ],
};

describe('projectGroups', () => {
  test('a collapsed group is one box; edges in and out of it are drawn to it once per pair of ends', () => {
    const view = projectGroups(definition, new Set(['review']));
    expect(view.laidOut).toBe(true);
    expect(view.boxes).toEqual(new Map([['group:review', { groupId: 'review', name: 'Review', count: 3 }]]));
    expect(view.frames).toEqual([{ groupId: 'close', name: 'Close', nodeIds: ['done'] }]);
    expect(view.definition.nodes.map((node) => node.id)).toEqual(['start', 'group:review', 'done']);
    expect(view.definition.edges).toEqual([
      { id: 'e1', source: 'start', target: 'group:review' },
      { id: 'e4', source: 'group:review', target: 'done' },
    ]);
  });

  test('with nothing collapsed the definition is drawn as stored, its groups framed', () => {
    const view = projectGroups(definition, new Set());
    expect(view.definition).toBe(definition);
    expect(view.laidOut).toBe(false);
    expect(view.frames.map((frame) => frame.groupId)).toEqual(['review', 'close']);
  });

  test('an opened group shows only its nodes and the edges between them', () => {
    const view = projectGroups(definition, new Set(['review', 'close']), 'review');
    expect(view.definition.nodes.map((node) => node.id)).toEqual(['check', 'approve', 'note']);
    expect(view.definition.edges.map((edge) => edge.id)).toEqual(['e2', 'e3']);
    expect(view.boxes.size).toBe(0);
    expect(view.laidOut).toBe(true);
  });
});

test('swimlanes move human steps into a band per assignee role below the graph', () => {
  const { definition: laned, lanes } = swimlanes(definition);
  expect(lanes).toEqual([{ role: 'finance', top: 380, height: 170 }]);
  expect(laned.nodes.find((node) => node.id === 'approve')?.position).toEqual({ x: 600, y: 420 });
  expect(laned.nodes.find((node) => node.id === 'note')?.position).toEqual({ x: 600, y: 200 });
});
