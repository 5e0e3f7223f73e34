import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from 'mongodb';
import {
  versionId,
  workflowsCollection,
  workflowVersionsCollection,
} from '../../domain/workflows/workflow-documents';
import type { WorkflowDocument, WorkflowVersionDocument } from '../../domain/workflows/workflow-documents';
import { runAuthorityOf } from '../../domain/workflows/start-run';
import { getNodeType } from '../../workflows/node-types/registry';
import type { PublishedWorkflow } from '../workflows/activity-contract';

/** Loads what a `flow.subworkflow` child runs: the latest published version of a workflow. */
export function createWorkflowActivities(deps: { db: Db }) {
  return {
    async 'workflow.loadPublished'(workflowId: string): Promise<PublishedWorkflow> {
      const workflow = await deps.db
        .collection<WorkflowDocument>(workflowsCollection)
        .findOne({ _id: workflowId });
      if (!workflow || workflow.archived || workflow.publishedVersion === undefined) {
        throw ApplicationFailure.nonRetryable(
          `Workflow ${JSON.stringify(workflowId)} ${workflow ? 'has no published version' : 'does not exist'}`,
          'WorkflowNotPublished',
        );
      }
      const version = await deps.db
        .collection<WorkflowVersionDocument>(workflowVersionsCollection)
        .findOne({ _id: versionId(workflowId, workflow.publishedVersion) });
      if (!version) {
        throw ApplicationFailure.nonRetryable(
          `Workflow ${JSON.stringify(workflowId)} version ${workflow.publishedVersion} is missing`,
          'WorkflowNotPublished',
        );
      }
      const triggers = version.definition.nodes.filter(
        (node) => getNodeType(node.type)?.execution === 'trigger',
      );
      const start = triggers.find((node) => node.type === 'trigger.manual') ?? triggers[0];
      if (!start) {
        throw ApplicationFailure.nonRetryable(
          `Workflow ${JSON.stringify(workflowId)} has no trigger`,
          'WorkflowNotPublished',
        );
      }
      return {
        workflowId,
        version: version.version,
        definition: version.definition,
        startNodeId: start.id,
        ...runAuthorityOf(version),
      };
    },
  };
}
