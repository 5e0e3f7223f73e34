import type { WorkflowDefinition } from '../../workflows';
import { webhookTriggerErrors } from './webhook-checks';

function definition(nodes: WorkflowDefinition['nodes']): WorkflowDefinition {
  return { name: 'w', nodes, edges: [] };
}

describe('webhookTriggerErrors', () => {
  test('names the node whose payload schema does not compile', () => {
    const errors = webhookTriggerErrors(
      definition([
        { id: 'bad', type: 'trigger.webhook', params: { payloadSchema: { type: 'nope' } } },
        {
          id: 'good',
          type: 'trigger.webhook',
          params: { payloadSchema: { type: 'object', required: ['a'] } },
        },
        { id: 'none', type: 'trigger.webhook', params: {} },
        { id: 'off', type: 'trigger.webhook', params: { payloadSchema: { type: 'nope' } }, disabled: true },
      ]),
    );
    expect(errors).toEqual([
      {
        nodeId: 'bad',
        path: 'params.payloadSchema',
        code: 'invalid_params',
        message: expect.stringMatching(
          /^Node "bad" \(trigger\.webhook\): params\.payloadSchema cannot be compiled: /,
        ),
      },
    ]);
  });
});
