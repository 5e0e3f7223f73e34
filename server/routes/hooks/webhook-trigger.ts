import { defaultSignatureHeader } from '../../../domain/webhooks';
import type { PublishedTrigger, WorkflowVersionDocument } from '../../../domain/workflows';

/** How a webhook trigger asks for signed calls: the header it reads and whether it must be there. */
export interface SignatureSettings {
  header: string;
  required: boolean;
}

/** The webhook trigger of `version` that node `nodeId` declares, or undefined when it has none. */
export function webhookTrigger(
  version: WorkflowVersionDocument | undefined,
  nodeId: string,
): PublishedTrigger | undefined {
  return version?.triggers.find((t) => t.nodeId === nodeId && t.type === 'trigger.webhook');
}

/**
 * The trigger's signature settings with their defaults filled in, or undefined when the trigger
 * does not ask for signatures.
 *
 * @example
 * signatureSettings({ nodeId: 'hook', type: 'trigger.webhook', params: { signature: {} } });
 * // { header: 'X-Ledgerline-Signature', required: true }
 */
export function signatureSettings(trigger: PublishedTrigger): SignatureSettings | undefined {
  const params = trigger.params.signature as Partial<SignatureSettings> | undefined;
  if (params === undefined) return undefined;
  return { header: params.header ?? defaultSignatureHeader, required: params.required ?? true };
}
