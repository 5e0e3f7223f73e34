import type { WorkflowDefinition } from './core';
import { addNode, connect, moveNodes, removeElements, renameNode, updateNode } from './graph-edits';
import { newEdgeId, newNodeId } from './node-ids';
import { connectionProblem, portsOf } from './ports';

const base: WorkflowDefinition = {
  name: 'Approve quote',
  nodes: [
    { id: 'manual', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
    { id: 'if', type: 'logic.if', params: { condition: '=$input.total > 100' }, position: { x: 250, y: 0 } },
    { id: 'approval', type: 'human.approval', params: { assigneeRole: 'sales', title: 'OK?' } },
    {
      id: 'switch',
      type: 'logic.switch',
      params: {
        cases: [
          { port: 'big', condition: '=$.total > 1000' },
          { port: 'small', condition: true },
        ],
      },
    },
    { id: 'get', type: 'entity.get', params: { entityType: 'quote', id: '=$nodes.if.id' } },
  ],
  edges: [
    { id: 'e1', source: 'manual', target: 'if' },
    { id: 'e2', source: 'if', sourcePort: 'true', target: 'approval' },
  ],
};

describe('ports', () => {
  test.each([
    ['manual', { input: false, outputs: ['out'] }],
    ['if', { input: true, outputs: ['true', 'false'] }],
    ['approval', { input: true, outputs: ['approved', 'rejected', 'timeout'] }],
    ['switch', { input: true, outputs: ['big', 'small', 'default'] }],
    ['get', { input: true, outputs: ['out', 'error'] }],
  ])('%s has its type’s ports for its params', (id, ports) => {
    expect(portsOf(base.nodes.find((node) => node.id === id)!)).toEqual(ports);
  });

  test('an unknown type takes input and has no outputs', () => {
    expect(portsOf({ type: 'made.up', params: {} })).toEqual({ input: true, outputs: [] });
  });

  test.each([
    [{ source: 'if', sourcePort: 'false', target: 'get' }, undefined],
    [{ source: 'get', sourcePort: 'error', target: 'approval' }, undefined],
    [{ source: 'switch', sourcePort: 'big', target: 'get' }, undefined],
    [
      { source: 'if', sourcePort: 'out', target: 'get' },
      'Node "if" has no port "out"; its ports are true, false',
    ],
    [
      { source: 'approval', sourcePort: 'error', target: 'get' },
      'Node "approval" has no port "error"; its ports are approved, rejected, timeout',
    ],
    [
      { source: 'if', sourcePort: 'true', target: 'manual' },
      'Node "manual" is a trigger; a trigger starts runs and has no inputs',
    ],
    [{ source: 'get', sourcePort: 'out', target: 'get' }, 'Node "get" cannot be connected to itself'],
    [
      { source: 'if', sourcePort: 'true', target: 'approval' },
      'Port "true" of "if" is already connected to "approval"',
    ],
    [{ source: 'nope', sourcePort: 'out', target: 'get' }, 'Node "nope" does not exist'],
  ])('connecting %j: %s', (connection, problem) => {
    expect(connectionProblem(base, connection)).toBe(problem);
  });
});

describe('ids', () => {
  test('node ids are the type’s own word, numbered when taken', () => {
    expect(newNodeId(base, 'entity.create')).toBe('create');
    expect(newNodeId(base, 'logic.if')).toBe('if2');
    expect(newNodeId(base, 'trigger.manual')).toBe('manual2');
  });

  test('edge ids continue after the highest one', () => {
    expect(newEdgeId(base)).toBe('e3');
    expect(newEdgeId({ ...base, edges: [{ id: 'e9', source: 'a', target: 'b' }] })).toBe('e10');
  });
});

describe('edits', () => {
  test('a new node gets a readable id, rounded position and the defaults of its required params', () => {
    const { definition, id } = addNode(base, 'logic.join', { x: 10.4, y: 20.6 });
    expect(id).toBe('join');
    expect(definition.nodes.at(-1)).toEqual({
      id: 'join',
      type: 'logic.join',
      params: { mode: 'all' },
      position: { x: 10, y: 21 },
    });
    expect(base.nodes).toHaveLength(5);
  });

  test('connect adds an edge, leaving out the default port', () => {
    const result = connect(base, { source: 'approval', sourcePort: 'approved', target: 'get' });
    expect(result).toEqual({ definition: expect.anything(), edgeId: 'e3' });
    if (!('definition' in result)) throw new Error('expected a definition');
    expect(result.definition.edges.at(-1)).toEqual({
      id: 'e3',
      source: 'approval',
      sourcePort: 'approved',
      target: 'get',
    });
    const out = connect(result.definition, { source: 'get', sourcePort: 'out', target: 'approval' });
    if (!('definition' in out)) throw new Error('expected a definition');
    expect(out.definition.edges.at(-1)).toEqual({ id: 'e4', source: 'get', target: 'approval' });
  });

  test('connect refuses a port the node does not have', () => {
    expect(connect(base, { source: 'manual', sourcePort: 'error', target: 'if' })).toEqual({
      problem: 'Node "manual" has no port "error"; its ports are out',
    });
  });

  test('removing a node removes its edges; untouched nodes are the same objects', () => {
    const next = removeElements(base, new Set(['if']));
    expect(next.nodes.map((node) => node.id)).toEqual(['manual', 'approval', 'switch', 'get']);
    expect(next.edges).toEqual([]);
    expect(next.nodes[0]).toBe(base.nodes[0]);
    expect(removeElements(base, new Set(), new Set(['e2'])).edges).toEqual([base.edges[0]]);
    const grouped = {
      ...base,
      groups: [
        { id: 'g', name: 'G', nodes: ['if'] },
        { id: 'h', name: 'H', nodes: ['start'] },
      ],
    };
    expect(removeElements(grouped, new Set(['if'])).groups).toEqual([
      { id: 'h', name: 'H', nodes: ['start'] },
    ]);
    expect(removeElements(base, new Set())).toBe(base);
  });

  test('moving keeps unmoved nodes and skips no-op moves', () => {
    const next = moveNodes(base, new Map([['if', { x: 300.2, y: 10 }]]));
    expect(next.nodes[1]!.position).toEqual({ x: 300, y: 10 });
    expect(next.nodes[0]).toBe(base.nodes[0]);
    expect(moveNodes(base, new Map([['manual', { x: 0, y: 0 }]]))).toBe(base);
  });

  test('updating a node with undefined removes the field', () => {
    const labelled = updateNode(base, 'if', { label: 'Big quote?', disabled: true });
    expect(labelled.nodes[1]).toEqual({ ...base.nodes[1], label: 'Big quote?', disabled: true });
    expect(updateNode(labelled, 'if', { disabled: undefined }).nodes[1]).toEqual({
      ...base.nodes[1],
      label: 'Big quote?',
    });
  });

  test('renaming a node follows it into edges, expressions and forEach bodies', () => {
    const withLoop: WorkflowDefinition = {
      ...base,
      nodes: [
        ...base.nodes,
        { id: 'each', type: 'flow.forEach', params: { items: '=$nodes.if.lines', body: 'if' } },
      ],
    };
    const result = renameNode(withLoop, 'if', 'check-total');
    if (!('definition' in result)) throw new Error(result.problem);
    const { definition } = result;
    expect(definition.nodes.map((node) => node.id)).toEqual([
      'manual',
      'check-total',
      'approval',
      'switch',
      'get',
      'each',
    ]);
    expect(definition.edges).toEqual([
      { id: 'e1', source: 'manual', target: 'check-total' },
      { id: 'e2', source: 'check-total', sourcePort: 'true', target: 'approval' },
    ]);
    expect(definition.nodes[4]!.params).toEqual({ entityType: 'quote', id: '=$nodes.`check-total`.id' });
    expect(definition.nodes[5]!.params).toEqual({
      items: '=$nodes.`check-total`.lines',
      body: 'check-total',
    });
    expect(definition.nodes[2]).toBe(withLoop.nodes[2]);
  });

  test('renaming refuses taken and malformed ids', () => {
    expect(renameNode(base, 'if', 'get')).toEqual({ problem: 'Another node is already called "get"' });
    expect(renameNode(base, 'if', 'a b')).toEqual({
      problem: 'An id is 1 to 64 letters, digits, "_" or "-"',
    });
  });
});
