/**
 * The pure core, for the server, the worker and the editor: the definition model, the node-type
 * registry, expressions, validation and the interpreter.
 *
 * The Temporal workflow bundle should import `workflows/interpreter` instead, which leaves out
 * validation (and with it ajv).
 */
export type { JsonSchema, JsonSchemaTypeName } from './definition/json-schema';
export type {
  RetryPolicy,
  WorkflowDefinition,
  WorkflowEdge,
  WorkflowGroup,
  WorkflowNode,
  WorkflowSettings,
} from './definition/workflow-definition';
export { DEFAULT_MAX_STEPS, DEFAULT_PORT, ERROR_PORT } from './definition/workflow-definition';
export { workflowDefinitionSchema } from './definition/workflow-definition-schema';
export type { WorkflowGraph } from './definition/graph';
export {
  buildGraph,
  edgePort,
  edgesFrom,
  edgesFromPort,
  edgesInto,
  reachableFrom,
  stronglyConnectedComponents,
} from './definition/graph';
export { ISO_DURATION_PATTERN, parseIsoDuration } from './definition/iso-duration';

export type {
  ActivityDefaults,
  Compensation,
  NodeExecution,
  NodeGroup,
  NodeTypeDeclaration,
  PortsFromParams,
} from './node-types/node-type';
export { outputPorts } from './node-types/node-type';
export type { NodeTypeDescription } from './node-types/registry';
export {
  describeNodeTypes,
  getNodeType,
  nodeTypeList,
  nodeTypes,
  requiredActivityNames,
} from './node-types/registry';
export { forEachBodyId } from './node-types/flow-nodes';
export { businessErrorTypes } from './node-types/business-errors';
export { entityTypeNames, roleNames, searchAttributeNames } from '../schemas/vocabulary';

export type { FoundExpression } from './expressions/collect-expressions';
export { collectExpressions } from './expressions/collect-expressions';
export type { EvaluationBudget, ExpressionLimits } from './expressions/evaluation-budget';
export { createBudget, defaultExpressionLimits } from './expressions/evaluation-budget';
export { evaluateExpression } from './expressions/evaluate-expression';
export type { ErrorInfo, ExpressionBindings, RunInfo } from './expressions/expression-bindings';
export type { ExpressionErrorInit, ExpressionErrorKind } from './expressions/expression-error';
export { ExpressionError } from './expressions/expression-error';
export {
  EXPRESSION_PREFIX,
  expressionSource,
  isExpression,
  literalValue,
} from './expressions/expression-syntax';
export type { PathSegment } from './expressions/param-path';
export { formatPath } from './expressions/param-path';
export type { ParseResult } from './expressions/parse-expression';
export { parseExpression } from './expressions/parse-expression';
export type { ResolveOptions } from './expressions/resolve-params';
export { resolveParams } from './expressions/resolve-params';

export type { ValidationError, ValidationErrorCode, ValidationResult } from './validation/validation-error';
export { validateDefinition } from './validation/validate-definition';

export * from './interpreter/index';
