import type { WorkflowDefinition } from '../../workflows/interpreter';
import type { RunAuthority } from '../../workflows/runtime/run-contract';

/**
 * What the interpreted workflow hands each activity, and the worker-internal activity names.
 * Type-only on the workflow side, so the sandbox never imports activity code.
 */
export interface ActivityCall {
  params: Record<string, unknown>;
  /** `<runId>/<nodeId>/<visit>` (plus `/compensate`): the same on every retry. */
  idempotencyKey: string;
  /** The Temporal workflow id of the run. */
  runId: string;
  /** The Ledgerline workflow id. */
  workflowId: string;
  nodeId: string;
  visit: number;
  /** Who the run acts as; its entity writes are checked against these roles. */
  authority?: RunAuthority;
}

export interface CreateTaskCall {
  taskId: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  visit: number;
  kind: 'approval' | 'task';
  assigneeRole: string;
  /** The one user who decides the task, when the node names one. */
  assignee?: string;
  title: string;
  description?: string;
  formSchema?: Record<string, unknown>;
  /** ISO time, computed from the workflow clock. */
  dueAt?: string;
  /** The record the task is about. */
  related?: { entityType: string; id: string };
  /** Users who may not decide this approval (segregation of duties). */
  requestedBy?: string[];
  createdAt: string;
}

export interface TaskCompletionCall {
  taskId: string;
  outcome: string;
  data?: unknown;
  completedBy?: { userId: string; email: string };
  comment?: string;
  completedAt: string;
}

export interface PublishedWorkflow {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  startNodeId: string;
  /** Who runs of the version act as (README, Security). */
  authority?: RunAuthority;
}

/**
 * Activities the engine itself calls (not node types): human tasks, child-run loading and the
 * self-check. The worker's startup check accepts exactly these besides the node-type activities.
 */
export const engineActivityNames = [
  'human.createTask',
  'human.escalateTask',
  'human.recordCompletion',
  'human.closeTasks',
  'workflow.loadPublished',
  'run.recordFailure',
  'run.recordStats',
  'alerts.sendDigest',
  'recordSelfCheck',
] as const;
