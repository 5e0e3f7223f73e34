import { api } from '../../api/api-client';

/** A webhook of a workflow as `GET /api/workflows/:id/webhooks` lists it: never a secret. */
export interface Webhook {
  hookId: string;
  nodeId: string;
  url: string;
  live: boolean;
  tokenHint: string;
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
}

/** A hook's secrets in clear: only publish (for a new hook) and rotate return them, once. */
export interface WebhookCredentials {
  hookId: string;
  nodeId: string;
  path: string;
  url?: string;
  token: string;
  signingSecret: string;
}

const hooksUrl = (workflowId: string) => `/api/workflows/${encodeURIComponent(workflowId)}/webhooks`;

export const webhookApi = {
  list: (workflowId: string) => api<{ items: Webhook[] }>(hooksUrl(workflowId)).then((body) => body.items),
  rotate: (workflowId: string, nodeId: string) =>
    api<WebhookCredentials>(`${hooksUrl(workflowId)}/${encodeURIComponent(nodeId)}/rotate`, {
      method: 'POST',
    }),
  revoke: (workflowId: string, nodeId: string) =>
    api<{ revokedAt: string }>(`${hooksUrl(workflowId)}/${encodeURIComponent(nodeId)}/revoke`, {
      method: 'POST',
    }),
};
