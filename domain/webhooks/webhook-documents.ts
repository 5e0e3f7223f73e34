import type { SealedSecret } from '../secrets';

/** The collection of webhook endpoints, one per webhook trigger node of a workflow. */
export const webhooksCollection = 'webhooks';

/**
 * A webhook endpoint: `POST /hooks/<_id>`. It belongs to a workflow's trigger node, not to a
 * version, so integrators keep their URL and secrets across versions; whether it starts runs
 * depends on the published version having that node.
 */
export interface WebhookRecord {
  /** The hook id in the URL: random, so URLs cannot be guessed. */
  _id: string;
  workflowId: string;
  nodeId: string;
  /** SHA-256 of the secret token callers present; the token itself is shown once. */
  tokenHash: string;
  /** The token's first characters, so a designer can tell which token an integrator holds. */
  tokenHint: string;
  /** The HMAC signing secret, encrypted at rest: it must be recovered to check signatures. */
  signingSecret: SealedSecret;
  createdAt: string;
  rotatedAt?: string;
  /** Set by a revoke: no token works until the secrets are rotated. */
  revokedAt?: string;
}

/** A hook's secrets in clear, returned only by the call that creates or rotates them. */
export interface WebhookCredentials {
  hookId: string;
  nodeId: string;
  /** The path to POST to, under the server's base URL. */
  path: string;
  token: string;
  signingSecret: string;
}

/** The path of a hook under the server's base URL. */
export function hookPath(hookId: string): string {
  return `/hooks/${hookId}`;
}
