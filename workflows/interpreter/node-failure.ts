import type { WorkflowNode } from '../definition/workflow-definition';
import type { ErrorInfo } from '../expressions/expression-bindings';
import type { RunFailureCode } from './run-failure';
import { RunFailure } from './run-failure';

/**
 * A RunFailure that names the node: `Node "reserve" (erp.reserveStock) failed: <detail>`.
 *
 * @example
 * throw nodeFailure(node, 'invalid_param', 'params.items must be an array, got "x"');
 */
export function nodeFailure(
  node: WorkflowNode,
  code: RunFailureCode,
  detail: string,
  error?: ErrorInfo,
): RunFailure {
  return new RunFailure({
    code,
    nodeId: node.id,
    message: `Node ${JSON.stringify(node.id)} (${node.type}) failed: ${detail}`,
    ...(error ? { error } : {}),
  });
}

/** The failure for a resolved param the node cannot use. */
export function invalidParam(node: WorkflowNode, path: string, expected: string, value: unknown): RunFailure {
  return nodeFailure(
    node,
    'invalid_param',
    `${path} must be ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`,
  );
}
