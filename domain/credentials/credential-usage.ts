import type { Db } from 'mongodb';
import type { WorkflowDefinition } from '../../workflows';
import {
  versionId,
  workflowsCollection,
  workflowVersionsCollection,
  type WorkflowDocument,
  type WorkflowVersionDocument,
} from '../workflows/workflow-documents';
import type { CredentialUse } from './credential-documents';

/** The ids of the nodes whose `credentialId` param is `credentialId`. */
export function nodesUsingCredential(definition: WorkflowDefinition, credentialId: string): string[] {
  return definition.nodes.filter((node) => node.params.credentialId === credentialId).map((node) => node.id);
}

/**
 * Every live workflow whose draft or published version names `credentialId`. Definitions are
 * scanned here rather than queried, because matching inside arrays of nodes is beyond the
 * store's lowest common query dialect (FerretDB v1).
 */
export async function credentialUsage(db: Db, credentialId: string): Promise<CredentialUse[]> {
  const workflows = await db
    .collection<WorkflowDocument>(workflowsCollection)
    .find({ archived: { $ne: true } })
    .toArray();
  const publishedIds = workflows
    .filter((workflow) => workflow.publishedVersion !== undefined)
    .map((workflow) => versionId(workflow._id, workflow.publishedVersion!));
  const versions = await db
    .collection<WorkflowVersionDocument>(workflowVersionsCollection)
    .find({ _id: { $in: publishedIds } })
    .toArray();
  const byId = new Map(versions.map((version) => [version.workflowId, version]));
  const uses: CredentialUse[] = [];
  for (const workflow of workflows) {
    const draftNodes = nodesUsingCredential(workflow.draft, credentialId);
    const published = byId.get(workflow._id);
    const publishedNodes = published ? nodesUsingCredential(published.definition, credentialId) : [];
    if (draftNodes.length === 0 && publishedNodes.length === 0) continue;
    uses.push({
      workflowId: workflow._id,
      name: workflow.name,
      draftNodes,
      ...(publishedNodes.length > 0 && published ? { publishedVersion: published.version } : {}),
      publishedNodes,
    });
  }
  return uses.sort((a, b) => a.name.localeCompare(b.name));
}
