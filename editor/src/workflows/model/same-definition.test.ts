import type { WorkflowDefinition } from './core';
import { sameDefinition } from './same-definition';

const published: WorkflowDefinition = {
  name: 'Triage',
  nodes: [
    {
      id: 'start',
      type: 'trigger.manual',
      params: { inputSchema: { type: 'object' } },
      position: { x: 0, y: 0 },
    },
  ],
  edges: [],
};

describe('same definition', () => {
  test.each<[string, WorkflowDefinition, boolean]>([
    ['the same JSON', structuredClone(published), true],
    [
      'keys in another order',
      {
        edges: [],
        nodes: [
          {
            position: { y: 0, x: 0 },
            params: { inputSchema: { type: 'object' } },
            type: 'trigger.manual',
            id: 'start',
          },
        ],
        name: 'Triage',
      },
      true,
    ],
    ['a renamed workflow', { ...published, name: 'Triage 2' }, false],
    ['a moved node', { ...published, nodes: [{ ...published.nodes[0]!, position: { x: 10, y: 0 } }] }, false],
    ['a changed param', { ...published, nodes: [{ ...published.nodes[0]!, params: {} }] }, false],
  ])('%s: %s', (_case, draft, same) => {
    expect(sameDefinition(published, draft)).toBe(same);
  });
});
