import { benchGraph } from './bench-graph';
import { connectionProblem } from '../model/ports';

describe('benchmark graph', () => {
  test.each([10, 100, 1000])('%i nodes, every edge on a real port, no id twice', (size) => {
    const graph = benchGraph(size);
    expect(graph.nodes).toHaveLength(size);
    expect(new Set(graph.nodes.map((node) => node.id)).size).toBe(size);
    const without = (id: string) => ({ ...graph, edges: graph.edges.filter((edge) => edge.id !== id) });
    for (const edge of graph.edges) {
      expect(
        connectionProblem(without(edge.id), {
          source: edge.source,
          sourcePort: edge.sourcePort ?? 'out',
          target: edge.target,
        }),
      ).toBeUndefined();
    }
  });
});
