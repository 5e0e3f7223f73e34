/**
 * The interpreter's public API, and the entry point for the Temporal workflow bundle: everything
 * reachable from here is pure and deterministic, with no ajv and no Node built-ins (a test walks
 * the imports to keep it so).
 */
export type {
  WorkflowDefinition,
  WorkflowEdge,
  WorkflowNode,
  RetryPolicy,
} from '../definition/workflow-definition';
export type { RunInfo, ErrorInfo } from '../expressions/expression-bindings';
export type { ExpressionLimits } from '../expressions/evaluation-budget';
export { defaultExpressionLimits } from '../expressions/evaluation-budget';
export { requiredActivityNames } from '../node-types/registry';
export type {
  ActivityRequest,
  ActivityRetry,
  ChildRunRequest,
  Effects,
  HumanTaskRequest,
  HumanTaskResult,
  WaitForEntityRequest,
  WaitForEntityResult,
} from './effects';
export type { RunRequest } from './run-context';
export type { CompensationFailure, RunFailureCode, RunFailureInit } from './run-failure';
export { describeError, RunFailure } from './run-failure';
export type { RunState } from './run-state';
export type { TraceEntry, TraceLimits, TraceStatus, TruncatedValue } from './trace';
export { defaultTraceLimits } from './trace';
export type { RunOptions, RunOutcome } from './workflow-run';
export { runWorkflow, WorkflowRun } from './workflow-run';
