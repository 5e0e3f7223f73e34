import type { Role } from '../../schemas/vocabulary';
import type { WorkflowDefinition } from '../definition/workflow-definition';

/**
 * The contract between the API server and the worker for one run: the Temporal workflow type,
 * its input, and the names of its query, update and signal. Both sides import these, so a
 * rename can never leave them disagreeing.
 */
export const runWorkflowType = 'interpretedWorkflow';
export const traceQueryName = 'trace';
export const completeTaskUpdateName = 'completeTask';
export const entityChangedSignalName = 'entityChanged';

/**
 * Who a run acts as: the user who published its version, with the roles they held then. Every
 * entity write the run makes is checked against these roles by the repository, as the publisher's
 * own writes would be (README, Security).
 */
export interface RunAuthority {
  userId: string;
  roles: Role[];
}

export interface RunInput {
  /** The Ledgerline workflow (definition) id and the published version the run keeps. */
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  startNodeId: string;
  trigger: unknown;
  input: unknown;
  /** ISO time the run started; kept across continue-as-new. */
  startedAt: string;
  /** The version's publisher; runs started before runs had an identity have none and write nothing. */
  authority?: RunAuthority;
  /** Interpreter state when resuming after continue-as-new. */
  state?: unknown;
}

export interface CompleteTaskArgs {
  taskId: string;
  outcome: string;
  data: unknown;
  completedBy: { userId: string; email: string };
  comment?: string;
}

export interface EntityChangedArgs {
  entityType: string;
  id: string;
  entity: unknown;
}
