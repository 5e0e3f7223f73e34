import type { WorkflowDefinition } from '../definition/workflow-definition';
import { collectExpressions } from '../expressions/collect-expressions';
import { parseExpression } from '../expressions/parse-expression';
import type { ValidationError } from './validation-error';

/**
 * Every expression in every node's params must parse, and each `$nodes.<id>` it reads must name a
 * node of the workflow; the error names the param path.
 */
export function checkExpressions(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  const ids = new Set(definition.nodes.map((node) => node.id));
  for (const node of definition.nodes) {
    for (const found of collectExpressions(node.params)) {
      const parsed = parseExpression(found.text);
      if (parsed.ok) {
        for (const missing of nodeReferences(parsed.expression.ast()).filter((id) => !ids.has(id))) {
          errors.push({
            nodeId: node.id,
            path: `params.${found.path}`,
            code: 'unknown_node_reference',
            message: `Node ${JSON.stringify(node.id)} (${node.type}): params.${found.path} reads $nodes.${missing}, but no node has the id ${JSON.stringify(missing)}`,
          });
        }
        continue;
      }
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

/** The node ids an expression reads as `$nodes.<id>` (a path whose first step is `$nodes`), in source order. */
function nodeReferences(ast: unknown): string[] {
  const found = new Map<string, number>();
  const pending: unknown[] = [ast];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const { type, steps } = node as { type?: unknown; steps?: unknown };
    if (type === 'path' && Array.isArray(steps)) {
      const [first, second] = steps as { type?: unknown; value?: unknown; position?: unknown }[];
      if (first?.type === 'variable' && first.value === 'nodes' && second?.type === 'name') {
        const id = String(second.value);
        const at = typeof second.position === 'number' ? second.position : 0;
        found.set(id, Math.min(at, found.get(id) ?? at));
      }
    }
    for (const value of Object.values(node)) if (typeof value === 'object') pending.push(value);
  }
  return [...found].sort(([, a], [, b]) => a - b).map(([id]) => id);
}
