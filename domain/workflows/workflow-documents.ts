import type { WorkflowDefinition } from '../../workflows';
import type { RunAuthority } from '../../workflows/runtime/run-contract';

/** The collection names the worker's child-workflow activity and the trigger engine read too. */
export const workflowsCollection = 'workflows';
export const workflowVersionsCollection = 'workflowVersions';

/** A workflow: its editable draft, and which published version runs when it is triggered. */
export interface WorkflowDocument {
  _id: string;
  name: string;
  description?: string;
  draft: WorkflowDefinition;
  /** The version triggers start; absent while unpublished. */
  publishedVersion?: number;
  /**
   * Bumped on every draft write; `If-Match` carries it. Named apart from the published `version`
   * numbers so the two counters are never confused.
   */
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Deleted workflows are archived: hidden, unpublished, their versions kept for running runs. */
  archived?: boolean;
}

/** A trigger node of a published version, for the trigger engine (entity events, schedules, webhooks). */
export interface PublishedTrigger {
  nodeId: string;
  type: string;
  params: Record<string, unknown>;
}

/** An immutable published version; `_id` is `<workflowId>:<version>`, so a number is taken once. */
export interface WorkflowVersionDocument {
  _id: string;
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  triggers: PublishedTrigger[];
  publishedAt: string;
  publishedBy: string;
  /** Who runs of this version act as: the publisher and their roles at publish (README, Security). */
  runAs?: RunAuthority;
  /** The draft revision this version was published from. */
  draftRevision: number;
}

/** The id of version `version` of workflow `workflowId`. */
export function versionId(workflowId: string, version: number): string {
  return `${workflowId}:${version}`;
}
