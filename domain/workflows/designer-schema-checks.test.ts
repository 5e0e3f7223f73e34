import type { WorkflowDefinition } from '../../workflows';
import { designerSchemaErrors } from './designer-schema-checks';

function definition(nodes: WorkflowDefinition['nodes']): WorkflowDefinition {
  return { name: 'w', nodes, edges: [] };
}

describe('designerSchemaErrors', () => {
  test('names the node whose payload schema does not compile', () => {
    const errors = designerSchemaErrors(
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

  test('refuses a task form or manual input whose pattern needs backtracking, and keeps compiling others', () => {
    const errors = designerSchemaErrors(
      definition([
        {
          id: 'start',
          type: 'trigger.manual',
          params: { inputSchema: { type: 'string', pattern: '(a)\\1' } },
        },
        {
          id: 'form',
          type: 'human.task',
          params: {
            formSchema: { type: 'object', properties: { code: { type: 'string', pattern: '^(?=x)' } } },
          },
        },
        {
          id: 'ok',
          type: 'human.approval',
          params: {
            formSchema: { type: 'object', properties: { ref: { type: 'string', pattern: '^[0-9]+$' } } },
          },
        },
      ]),
    );
    expect(errors.map((error) => [error.nodeId, error.path, error.message])).toEqual([
      [
        'start',
        'params.inputSchema',
        'Node "start" (trigger.manual): params.inputSchema cannot be compiled: pattern "(a)\\\\1" at inputSchema is not supported: invalid escape sequence: `\\1` (backreferences and lookaround are not available)',
      ],
      [
        'form',
        'params.formSchema',
        'Node "form" (human.task): params.formSchema cannot be compiled: pattern "^(?=x)" at formSchema.properties.code is not supported: invalid or unsupported Perl syntax: `(?=` (backreferences and lookaround are not available)',
      ],
    ]);
  });
});
