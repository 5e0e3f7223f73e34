import { copyFragment, fragmentKind, parseFragment, pasteFragment, serializeFragment } from './clipboard';
import type { WorkflowDefinition } from './core';

const source: WorkflowDefinition = {
  name: 'Source',
  nodes: [
    { id: 'manual', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
    {
      id: 'create',
      type: 'entity.create',
      params: { entityType: 'ticket', data: { subject: '=$input.subject' } },
      position: { x: 300, y: 100 },
    },
    {
      id: 'notify',
      type: 'notify.email',
      params: { to: 'a@b.c', subject: '=$nodes.create.number', body: '=$nodes.manual.x' },
      position: { x: 600, y: 140 },
    },
  ],
  edges: [
    { id: 'e1', source: 'manual', target: 'create' },
    { id: 'e2', source: 'create', target: 'notify' },
  ],
};

describe('clipboard', () => {
  test('copy takes the selected nodes and only the edges between them', () => {
    expect(copyFragment(source, new Set(['create', 'notify']))).toEqual({
      kind: fragmentKind,
      nodes: [source.nodes[1], source.nodes[2]],
      edges: [source.edges[1]],
    });
  });

  test('the clipboard text reads back as the same fragment; a whole definition reads as its nodes', () => {
    const fragment = copyFragment(source, new Set(['create', 'notify']));
    expect(parseFragment(serializeFragment(fragment))).toEqual(fragment);
    expect(parseFragment(JSON.stringify(source))).toEqual({
      kind: fragmentKind,
      nodes: source.nodes,
      edges: source.edges,
    });
  });

  test.each([
    'hello',
    '{}',
    '{"nodes": []}',
    '{"nodes": [{"id": 1}]}',
    '[1]',
    '{"nodes": [{"id":"a","type":"x","params":{}}], "edges": [{"id":"e"}]}',
  ])('other text (%s) is not a fragment', (text) => {
    expect(parseFragment(text)).toBeUndefined();
  });

  test('pasting into another workflow keeps free ids and the group’s shape', () => {
    const target: WorkflowDefinition = { name: 'Target', nodes: [], edges: [] };
    const fragment = copyFragment(source, new Set(['create', 'notify']));
    const pasted = pasteFragment(target, fragment, { x: 1000, y: 500 });
    expect(pasted.nodeIds).toEqual(['create', 'notify']);
    expect(pasted.edgeIds).toEqual(['e1']);
    expect(pasted.definition.nodes).toEqual([
      { ...source.nodes[1], position: { x: 1000, y: 500 } },
      { ...source.nodes[2], position: { x: 1300, y: 540 } },
    ]);
    expect(pasted.definition.edges).toEqual([{ id: 'e1', source: 'create', target: 'notify' }]);
  });

  test('pasting into the same workflow renames clashing nodes and their references, not outside ones', () => {
    const fragment = copyFragment(source, new Set(['create', 'notify']));
    const pasted = pasteFragment(source, fragment);
    expect(pasted.nodeIds).toEqual(['create2', 'notify2']);
    expect(pasted.edgeIds).toEqual(['e3']);
    expect(pasted.definition.nodes.slice(3)).toEqual([
      { ...source.nodes[1], id: 'create2', position: { x: 340, y: 140 } },
      {
        ...source.nodes[2],
        id: 'notify2',
        params: { to: 'a@b.c', subject: '=$nodes.create2.number', body: '=$nodes.manual.x' },
        position: { x: 640, y: 180 },
      },
    ]);
    expect(pasted.definition.edges.slice(2)).toEqual([{ id: 'e3', source: 'create2', target: 'notify2' }]);
  });
});
