/**
 * The pieces of the pure workflow core (`workflows/`) the editor uses, in one place. Only modules that
 * never compile a schema are imported: ajv's code generation needs `new Function`, which the API's
 * Content-Security-Policy forbids, so validation runs on the server (`POST /workflows/:id/validate`).
 */
export type {
  WorkflowDefinition,
  WorkflowEdge,
  WorkflowGroup,
  WorkflowNode,
} from '../../../../workflows/definition/workflow-definition';
export { DEFAULT_PORT, ERROR_PORT } from '../../../../workflows/definition/workflow-definition';
export { buildGraph, edgePort, edgesFrom, edgesInto } from '../../../../workflows/definition/graph';
export type { JsonSchema } from '../../../../workflows/definition/json-schema';
export { outputPorts } from '../../../../workflows/node-types/node-type';
export type { NodeGroup, NodeExecution } from '../../../../workflows/node-types/node-type';
export { getNodeType } from '../../../../workflows/node-types/registry';
export type { NodeTypeDescription } from '../../../../workflows/node-types/registry';
export { forEachBodyId } from '../../../../workflows/node-types/flow-nodes';
export type { ValidationError, ValidationErrorCode } from '../../../../workflows/validation/validation-error';
export type { TraceEntry, TraceStatus } from '../../../../workflows/interpreter/trace';
export { isExpression, expressionSource } from '../../../../workflows/expressions/expression-syntax';
export { parseExpression } from '../../../../workflows/expressions/parse-expression';
export { evaluateExpression } from '../../../../workflows/expressions/evaluate-expression';
export type { ExpressionBindings } from '../../../../workflows/expressions/expression-bindings';
export { ExpressionError } from '../../../../workflows/expressions/expression-error';
