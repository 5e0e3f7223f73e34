import type { ValidationError, WorkflowDefinition } from '../../workflows';
import { UnusableSchemaError, validateAgainstSchema } from './user-schema-validation';

/** The params that hold a JSON Schema a designer wrote, by node type. */
const schemaParams: Readonly<Record<string, readonly string[]>> = {
  'trigger.manual': ['inputSchema'],
  'trigger.webhook': ['payloadSchema'],
  'human.task': ['formSchema'],
  'human.approval': ['formSchema'],
};

/**
 * Publish-time checks of every schema a designer wrote into an enabled node (a manual input, a
 * webhook payload, a task form): it must compile, patterns included, so that a request or a task
 * completion is never refused for a reason that is the designer's, not the caller's.
 *
 * @example
 * designerSchemaErrors(definition);
 * // [{ nodeId: 'hook', path: 'params.payloadSchema', code: 'invalid_params', message: 'Node "hook" (trigger.webhook): params.payloadSchema cannot be compiled: …' }]
 */
export function designerSchemaErrors(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    if (node.disabled) continue;
    for (const param of schemaParams[node.type] ?? []) {
      const schema = node.params[param];
      if (typeof schema !== 'object' || schema === null) continue;
      try {
        validateAgainstSchema(schema, {}, param);
      } catch (error: unknown) {
        if (!(error instanceof UnusableSchemaError)) throw error;
        errors.push({
          nodeId: node.id,
          path: `params.${param}`,
          code: 'invalid_params',
          message: `Node ${JSON.stringify(node.id)} (${node.type}): params.${param} ${error.message.replace(/^the schema /, '')}`,
        });
      }
    }
  }
  return errors;
}
