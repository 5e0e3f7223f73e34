import type { WorkflowDefinition } from './core';
import { extractSubworkflow, type Extraction } from './extract-subworkflow';

/** start → order → check → approve (approved) → invoice → mail; approve (rejected) → revise → approve. */
function orderFlow(): WorkflowDefinition {
  return {
    name: 'Orders',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } },
      {
        id: 'order',
        type: 'entity.get',
        params: { entityType: 'salesOrder', id: '=$input.orderId' },
        position: { x: 300, y: 0 },
      },
      {
        id: 'check',
        type: 'erp.creditCheck',
        params: { accountId: '=$nodes.order.accountId', amount: '=$nodes.order.total' },
        position: { x: 600, y: 0 },
      },
      {
        id: 'approve',
        type: 'human.approval',
        params: {
          assigneeRole: 'finance',
          title: '="Approve " & $trigger.entity.number & " for " & $nodes.check.limit',
        },
        position: { x: 900, y: 0 },
      },
      {
        id: 'revise',
        type: 'human.task',
        params: { assigneeRole: 'sales', title: 'Revise', formSchema: { type: 'object' } },
        position: { x: 900, y: 200 },
      },
      {
        id: 'invoice',
        type: 'erp.createInvoice',
        params: { salesOrderId: '=$nodes.order._id', note: '=$nodes.approve.comment & $nodes.check.limit' },
        position: { x: 1200, y: 0 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'order' },
      { id: 'e2', source: 'order', target: 'check' },
      { id: 'e3', source: 'check', target: 'approve' },
      { id: 'e4', source: 'approve', sourcePort: 'approved', target: 'invoice' },
      { id: 'e5', source: 'approve', sourcePort: 'rejected', target: 'revise' },
      { id: 'e6', source: 'revise', target: 'approve' },
      { id: 'e7', source: 'approve', sourcePort: 'timeout', target: 'revise' },
    ],
    groups: [{ id: 'review', name: 'Review', nodes: ['check', 'approve', 'revise'] }],
  };
}

function plan(ids: string[], definition = orderFlow()): Extraction {
  const result = extractSubworkflow(definition, new Set(ids), 'Credit review');
  if ('problem' in result) throw new Error(result.problem);
  return result;
}

describe('extractSubworkflow', () => {
  test('infers the input from what the selection reads outside it, and the outputs from what outside reads', () => {
    const extraction = plan(['check', 'approve', 'revise']);
    expect(extraction.nodeId).toBe('creditReview');
    expect(extraction.inputs).toEqual(['trigger', 'nodes.order']);
    expect(extraction.outputs).toEqual(['approve', 'check']);
    const { child } = extraction;
    expect(child.name).toBe('Credit review');
    expect(child.nodes.find((node) => node.id === 'start')).toEqual({
      id: 'start',
      type: 'trigger.manual',
      params: {
        inputSchema: {
          type: 'object',
          properties: {
            trigger: { description: "The parent run's $trigger" },
            nodes: {
              type: 'object',
              description: 'Outputs of the parent nodes the steps read',
              properties: { order: { description: "The output of the parent's node order" } },
              required: ['order'],
            },
          },
          required: ['trigger', 'nodes'],
        },
      },
      position: { x: 0, y: 0 },
    });
    expect(child.nodes.find((node) => node.id === 'check')?.params).toEqual({
      accountId: '=$input.nodes.order.accountId',
      amount: '=$input.nodes.order.total',
    });
    // Reads of nodes inside stay; the parent's $trigger comes through $input.
    expect(child.nodes.find((node) => node.id === 'approve')?.params.title).toBe(
      '="Approve " & $input.trigger.entity.number & " for " & $nodes.check.limit',
    );
    expect(child.nodes.find((node) => node.id === 'finish')).toEqual({
      id: 'finish',
      type: 'flow.end',
      params: { output: { approve: '=$nodes.approve', check: '=$nodes.check' } },
      position: { x: 900, y: 0 },
    });
    expect(child.edges).toEqual([
      { id: 'e-start', source: 'start', target: 'check' },
      { id: 'e3', source: 'check', target: 'approve' },
      { id: 'e5', source: 'approve', sourcePort: 'rejected', target: 'revise' },
      { id: 'e6', source: 'revise', target: 'approve' },
      { id: 'e7', source: 'approve', sourcePort: 'timeout', target: 'revise' },
      { id: 'e-finish', source: 'approve', sourcePort: 'approved', target: 'finish' },
    ]);
  });

  test('the parent calls the child in the selection’s place and reads its outputs through the call', () => {
    const parent = extraction().parentWith('wf-credit');
    expect(parent.nodes.map((node) => node.id)).toEqual(['start', 'order', 'invoice', 'creditReview']);
    expect(parent.nodes[3]).toEqual({
      id: 'creditReview',
      type: 'flow.subworkflow',
      label: 'Credit review',
      params: {
        workflowId: 'wf-credit',
        input: { trigger: '=$trigger', nodes: { order: '=$nodes.order' } },
        wait: true,
      },
      position: { x: 600, y: 0 },
    });
    expect(parent.nodes[2]!.params).toEqual({
      salesOrderId: '=$nodes.order._id',
      note: '=$nodes.creditReview.approve.comment & $nodes.creditReview.check.limit',
    });
    expect(parent.edges).toEqual([
      { id: 'e1', source: 'start', target: 'order' },
      { id: 'e2', source: 'order', target: 'creditReview' },
      { id: 'e4', source: 'creditReview', target: 'invoice' },
    ]);
    expect(parent.groups).toEqual([{ id: 'review', name: 'Review', nodes: ['creditReview'] }]);
  });

  function extraction(): Extraction {
    return plan(['check', 'approve', 'revise']);
  }

  test('ids with dashes are read in backticks', () => {
    const definition = orderFlow();
    definition.nodes[1]!.id = 'sales-order';
    definition.edges[0]!.target = 'sales-order';
    definition.edges[1]!.source = 'sales-order';
    definition.nodes[2]!.params = { accountId: '=$nodes.`sales-order`.accountId', amount: 100 };
    const result = plan(['check', 'approve', 'revise'], definition);
    expect(result.inputs).toEqual(['trigger', 'nodes.sales-order']);
    expect(result.child.nodes.find((node) => node.id === 'check')?.params.accountId).toBe(
      '=$input.nodes.`sales-order`.accountId',
    );
  });

  test.each<[string, string[], (definition: WorkflowDefinition) => void, string]>([
    ['nothing selected', [], () => undefined, 'Select the nodes to extract first'],
    [
      'a trigger',
      ['start', 'order'],
      () => undefined,
      'Node "start" is a trigger: the workflow\'s start stays in it',
    ],
    [
      'two ways in',
      ['approve', 'revise'],
      (definition) => definition.edges.push({ id: 'e8', source: 'order', target: 'revise' }),
      'The selection is entered by 2 edges (check → approve, order → revise); a sub-workflow is entered by exactly one',
    ],
    [
      'two ways out',
      ['check', 'approve', 'revise'],
      (definition) => definition.edges.push({ id: 'e8', source: 'revise', target: 'invoice' }),
      'The selection is left by 2 edges (approve (approved) → invoice, revise → invoice); a sub-workflow returns by one at most',
    ],
    [
      'a port leading nowhere',
      ['check', 'approve', 'revise'],
      (definition) => {
        definition.nodes[3]!.params.dueIn = 'P2D';
        definition.edges.splice(6, 1);
      },
      'Port "timeout" of node "approve" leads nowhere: in a sub-workflow that branch would end the child and let the parent go on',
    ],
    [
      'outputs read with no way out',
      ['invoice'],
      (definition) => {
        definition.nodes.push({
          id: 'mail',
          type: 'notify.email',
          params: { to: 'a@b.c', subject: '=$nodes.invoice.number', body: 'x' },
        });
        definition.edges.push({ id: 'e9', source: 'approve', sourcePort: 'approved', target: 'mail' });
      },
      'Nodes outside read invoice, but no edge leads out of the selection to run them after it',
    ],
  ])('refuses %s, saying why', (_name, ids, change, problem) => {
    const definition = orderFlow();
    change(definition);
    expect(extractSubworkflow(definition, new Set(ids), 'Credit review')).toEqual({ problem });
  });
});
