import type { WorkflowDefinition } from '../definition/workflow-definition';
import { nodeTypesAwaitingActivities, publishErrors } from './availability';

const definition: WorkflowDefinition = {
  name: 'Reserve on order',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    { id: 'reserve', type: 'erp.reserveStock', params: { productId: 'p1', quantity: 2 } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'reserve' }],
};

describe('publishErrors', () => {
  it('refuses a node whose activity this release does not ship, naming the node', () => {
    expect(publishErrors(definition, { valid: true, errors: [] }, ['erp.reserveStock'])).toEqual({
      valid: false,
      errors: [
        {
          nodeId: 'reserve',
          path: 'type',
          code: 'unavailable_node_type',
          message: 'Node type erp.reserveStock is declared but its activity is not available in this release',
        },
      ],
    });
  });

  it('ships an activity for every declared node type, the ERP/CRM domain nodes included', () => {
    expect(nodeTypesAwaitingActivities).toEqual([]);
    expect(publishErrors(definition, { valid: true, errors: [] })).toEqual({ valid: true, errors: [] });
  });

  it('passes a definition of available node types through unchanged', () => {
    const available = { ...definition, nodes: [definition.nodes[0]!], edges: [] };
    expect(publishErrors(available, { valid: true, errors: [] })).toEqual({ valid: true, errors: [] });
  });
});
