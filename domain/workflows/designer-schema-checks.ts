import type { ValidationError, WorkflowDefinition } from '../../workflows';
import { UnusableSchemaError, validateAgainstSchema } from '../workflows';

/**
 * Publish-time checks of every enabled `trigger.webhook` node: its payload schema must compile,
 * so a request is never refused for a reason that is the designer's, not the caller's.
 *
 * @example
 * webhookTriggerErrors(definition);
 * // [{ nodeId: 'hook', path: 'params.payloadSchema', code: 'invalid_params', message: 'Node "hook" (trigger.webhook): params.payloadSchema cannot be compiled: …' }]
 */
export function webhookTriggerErrors(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    if (node.type !== 'trigger.webhook' || node.disabled) continue;
    const schema = node.params.payloadSchema;
    if (typeof schema !== 'object' || schema === null) continue;
    try {
      validateAgainstSchema(schema, {}, 'payload');
    } catch (error: unknown) {
      if (!(error instanceof UnusableSchemaError)) throw error;
      errors.push({
        nodeId: node.id,
        path: 'params.payloadSchema',
        code: 'invalid_params',
        message: `Node ${JSON.stringify(node.id)} (${node.type}): params.payloadSchema ${error.message.replace(/^the schema /, '')}`,
      });
    }
  }
  return errors;
}
