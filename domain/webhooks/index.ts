/** Webhook endpoints for `trigger.webhook` nodes: secrets, signatures, idempotent starts. */
export {
  checkSignature,
  defaultSignatureHeader,
  signatureFormat,
  signatureToleranceSeconds,
  signBody,
} from './webhook-signature';
export type { SignatureCheck } from './webhook-signature';
export { hookPath, webhooksCollection } from './webhook-documents';
export type { WebhookCredentials, WebhookRecord } from './webhook-documents';
export { createWebhookStore } from './webhook-store';
export type { WebhookStore } from './webhook-store';
export { IdempotencyKeyReusedError, startWebhookRun, webhookRunId } from './webhook-run';
