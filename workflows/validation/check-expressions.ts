import type { WorkflowDefinition } from '../definition/workflow-definition';
import { collectExpressions } from '../expressions/collect-expressions';
import { parseExpression } from '../expressions/parse-expression';
import type { ValidationError } from './validation-error';

/** Every expression in every node's params must parse; the error names the param path. */
export function checkExpressions(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    for (const found of collectExpressions(node.params)) {
      const parsed = parseExpression(found.text);
      if (parsed.ok) continue;
      const located = parsed.error.at(`params.${found.path}`);
      errors.push({
        nodeId: node.id,
        path: `params.${found.path}`,
        code: 'expression_syntax',
        message: `Node ${JSON.stringify(node.id)} (${node.type}): ${located.message}`,
      });
    }
  }
  return errors;
}
