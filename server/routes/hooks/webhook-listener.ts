import type { WebhookStore } from '../../../domain/webhooks';
import type { WorkflowStore } from '../../../domain/workflows';
import type { PublicationListener } from '../workflows';

/**
 * Creates the hooks of a newly published version's webhook triggers. The publish response lists
 * the hooks it created under `webhooks`, with their token and signing secret: the only time they
 * are shown (rotate to get new ones). Hooks already made for earlier versions keep their secrets.
 */
export function webhookPublicationListener(
  webhooks: WebhookStore,
  workflows: WorkflowStore,
): PublicationListener {
  return async (change) => {
    if (change.publishedVersion === undefined) return {};
    const version = await workflows.getVersion(change.workflowId, change.publishedVersion);
    const created = await webhooks.ensureHooks(change.workflowId, version.triggers);
    return created.length === 0 ? {} : { webhooks: created };
  };
}
