import { autoLayout, inferDirection, layoutGraph, toElkGraph } from './auto-layout';
import type { WorkflowDefinition } from './core';

const definition: WorkflowDefinition = {
  name: 'Branches',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    { id: 'check', type: 'logic.if', params: { condition: true } },
    { id: 'yes', type: 'flow.end', params: {} },
    { id: 'no', type: 'flow.fail', params: { message: 'no' } },
    { id: 'again', type: 'data.set', params: { values: {} } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'true', target: 'yes' },
    { id: 'e3', source: 'check', sourcePort: 'false', target: 'again' },
    { id: 'e4', source: 'again', target: 'check' },
    { id: 'e5', source: 'again', target: 'no' },
  ],
};

describe('auto layout', () => {
  test('the ELK graph has an input port west and the output ports east in declared order', () => {
    const graph = toElkGraph(definition, new Map([['check', { width: 200, height: 100 }]]));
    const check = graph.children!.find((child) => child.id === 'check')!;
    expect(check).toMatchObject({ width: 200, height: 100 });
    expect(
      check.ports!.map((port) => [port.id.split('\u0000').pop(), port.layoutOptions!['elk.port.side']]),
    ).toEqual([
      ['in', 'WEST'],
      ['true', 'EAST'],
      ['false', 'EAST'],
    ]);
    expect(graph.edges!.find((edge) => edge.id === 'e2')).toEqual({
      id: 'e2',
      sources: ['check\u0000true'],
      targets: ['check\u0000\u0000in'.replace('check', 'yes')],
    });
  });

  test('layers run left to right, true above false, and a loop does not stop it', async () => {
    const positions = await autoLayout(definition);
    const x = (id: string) => positions.get(id)!.x;
    const y = (id: string) => positions.get(id)!.y;
    expect(x('start')).toBeLessThan(x('check'));
    expect(x('check')).toBeLessThan(x('yes'));
    expect(x('check')).toBeLessThan(x('again'));
    expect(y('yes')).toBeLessThan(y('again'));
    expect([...positions.keys()].sort()).toEqual(['again', 'check', 'no', 'start', 'yes']);
  });

  test('top to bottom, true is left of false and layers run downwards', async () => {
    const positions = await autoLayout(definition, new Map(), 'DOWN');
    const at = (id: string) => positions.get(id)!;
    expect(at('start').y).toBeLessThan(at('check').y);
    expect(at('check').y).toBeLessThan(at('yes').y);
    expect(at('yes').x).toBeLessThan(at('again').x);
  });

  test('every edge gets an orthogonal route from its source port to its target input', async () => {
    const { positions, routes } = await layoutGraph(definition);
    expect([...routes.keys()].sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    for (const route of routes.values()) {
      for (let i = 1; i < route.length; i += 1) {
        const [a, b] = [route[i - 1]!, route[i]!];
        expect(a.x === b.x || a.y === b.y).toBe(true);
      }
    }
    // e1 leaves the trigger on its right side and enters the If on its left.
    const e1 = routes.get('e1')!;
    expect(e1[0]!.x).toBe(positions.get('start')!.x + 220);
    expect(e1[e1.length - 1]!.x).toBe(positions.get('check')!.x);
  });

  test('a drawn graph tells its direction', async () => {
    const down = await autoLayout(definition, new Map(), 'DOWN');
    const placed = {
      ...definition,
      nodes: definition.nodes.map((node) => ({ ...node, position: down.get(node.id) })),
    };
    expect(inferDirection(placed)).toBe('DOWN');
    const right = await autoLayout(definition);
    expect(
      inferDirection({
        ...definition,
        nodes: definition.nodes.map((node) => ({ ...node, position: right.get(node.id) })),
      }),
    ).toBe('RIGHT');
  });
});
