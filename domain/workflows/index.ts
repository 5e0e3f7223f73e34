/** Workflow drafts, immutable published versions, and starting runs of them. */
export { checkForPublish, createWorkflowStore } from './workflow-store';
export type {
  PublishActor,
  PublishCheck,
  VersionSummary,
  WorkflowActor,
  WorkflowStore,
  WorkflowSummary,
} from './workflow-store';
export { versionId, workflowsCollection, workflowVersionsCollection } from './workflow-documents';
export type { PublishedTrigger, WorkflowDocument, WorkflowVersionDocument } from './workflow-documents';
export {
  DefinitionProblemsError,
  InvalidDefinitionError,
  InvalidDraftError,
  NotPublishedError,
  PublishForbiddenError,
  RevisionConflictError,
  WorkflowNotFoundError,
  WorkflowStoreError,
} from './workflow-errors';
export { runAuthorityOf, runSearchAttributePairs, runSearchAttributes, startRun } from './start-run';
export type { StartRunRequest } from './start-run';
export { recordLabel, runTitle } from './run-title';
export type { RunRecord } from './run-title';
export { describeWait, waitingVisits } from './describe-wait';
export type { WaitingFor, WaitVisit } from './describe-wait';
export { UnusableSchemaError, validateAgainstSchema } from './user-schema-validation';
export { designerSchemaErrors } from './designer-schema-checks';
