import type { WorkflowDefinition } from './core';
import { fallbackPositions } from './fallback-positions';

const definition: WorkflowDefinition = {
  name: 'Hand-written',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    { id: 'a', type: 'data.set', params: { values: {} } },
    { id: 'b', type: 'data.set', params: { values: {} } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'a' },
    { id: 'e2', source: 'start', target: 'b' },
  ],
};

describe('fallbackPositions', () => {
  it('lays out nodes without positions in columns by depth and rows in definition order', () => {
    expect(Object.fromEntries(fallbackPositions(definition))).toEqual({
      start: { x: 0, y: 0 },
      a: { x: 300, y: 0 },
      b: { x: 300, y: 150 },
    });
  });

  it('keeps the other nodes where they were when one of them gets a position', () => {
    const dragged: WorkflowDefinition = {
      ...definition,
      nodes: definition.nodes.map((node) =>
        node.id === 'a' ? { ...node, position: { x: 40, y: 500 } } : node,
      ),
    };
    expect(Object.fromEntries(fallbackPositions(dragged))).toEqual({
      start: { x: 0, y: 0 },
      b: { x: 300, y: 150 },
    });
  });

  it('draws nothing when every node has a position', () => {
    const placed = {
      ...definition,
      nodes: definition.nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })),
    };
    expect(fallbackPositions(placed).size).toBe(0);
  });
});
