import {
  buildGraph,
  edgePort,
  edgesFrom,
  edgesFromPort,
  edgesInto,
  reachableFrom,
  stronglyConnectedComponents,
} from './graph';
import type { WorkflowDefinition } from './workflow-definition';

const definition: WorkflowDefinition = {
  name: 'Graph fixture',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    { id: 'check', type: 'logic.if', params: { condition: '=$input.amount > 100' } },
    { id: 'big', type: 'data.set', params: { values: { size: 'big' } } },
    { id: 'small', type: 'data.set', params: { values: { size: 'small' } } },
    { id: 'merge', type: 'logic.join', params: { mode: 'any' } },
    { id: 'island', type: 'data.set', params: { values: {} } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'true', target: 'big' },
    { id: 'e3', source: 'check', sourcePort: 'false', target: 'small' },
    { id: 'e4', source: 'big', target: 'merge' },
    { id: 'e5', source: 'small', target: 'merge' },
  ],
};

describe('buildGraph', () => {
  const graph = buildGraph(definition);

  test('indexes edges by source, port and target in definition order', () => {
    expect(edgesFrom(graph, 'check').map((edge) => edge.id)).toEqual(['e2', 'e3']);
    expect(edgesFromPort(graph, 'check', 'false').map((edge) => edge.id)).toEqual(['e3']);
    expect(edgesFromPort(graph, 'start', 'out').map((edge) => edge.id)).toEqual(['e1']);
    expect(edgesInto(graph, 'merge').map((edge) => edge.id)).toEqual(['e4', 'e5']);
    expect(edgesInto(graph, 'start')).toEqual([]);
    expect(edgesFrom(graph, 'nowhere')).toEqual([]);
  });

  test('an edge without a port leaves from "out"', () => {
    expect(edgePort({ id: 'e', source: 'a', target: 'b' })).toBe('out');
    expect(edgePort({ id: 'e', source: 'a', sourcePort: 'true', target: 'b' })).toBe('true');
  });

  test('the first of two nodes with the same id wins the index', () => {
    const duplicated = buildGraph({
      name: 'dup',
      nodes: [
        { id: 'a', type: 'trigger.manual', params: {} },
        { id: 'a', type: 'data.set', params: {} },
      ],
      edges: [],
    });
    expect(duplicated.nodes.get('a')?.type).toBe('trigger.manual');
  });
});

describe('reachableFrom', () => {
  const graph = buildGraph(definition);

  test('follows edges from the start nodes', () => {
    expect([...reachableFrom(graph, ['start'])].sort()).toEqual(['big', 'check', 'merge', 'small', 'start']);
  });

  test('follows extra links and ignores ids that are not nodes', () => {
    const reached = reachableFrom(graph, ['start', 'ghost'], (node) =>
      node.id === 'merge' ? ['island'] : [],
    );
    expect(reached.has('island')).toBe(true);
    expect(reached.has('ghost')).toBe(false);
  });
});

describe('stronglyConnectedComponents', () => {
  test('puts the nodes of each cycle together and every other node alone', () => {
    const graph = buildGraph({
      name: 'cycles',
      nodes: ['start', 'draft', 'review', 'publish', 'a', 'b'].map((id) => ({
        id,
        type: 'data.set',
        params: {},
      })),
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'review' },
        { id: 'e3', source: 'review', sourcePort: 'rejected', target: 'draft' },
        { id: 'e4', source: 'review', sourcePort: 'approved', target: 'publish' },
        { id: 'e5', source: 'a', target: 'a' },
        { id: 'e6', source: 'b', target: 'ghost' },
      ],
    });
    const components = stronglyConnectedComponents(graph);
    const same = (x: string, y: string) => components.get(x) === components.get(y);
    expect(same('draft', 'review')).toBe(true);
    expect(same('start', 'draft')).toBe(false);
    expect(same('review', 'publish')).toBe(false);
    expect(new Set(components.values()).size).toBe(5);
  });

  test('handles a chain far longer than the call stack would allow recursively', () => {
    const ids = Array.from({ length: 50_000 }, (_, index) => `n${index}`);
    const graph = buildGraph({
      name: 'long',
      nodes: ids.map((id) => ({ id, type: 'data.set', params: {} })),
      edges: ids.slice(1).map((id, index) => ({ id: `e${index}`, source: ids[index]!, target: id })),
    });
    expect(new Set(stronglyConnectedComponents(graph).values()).size).toBe(50_000);
  });
});
