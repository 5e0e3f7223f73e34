import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '../entities/unique-keys';
import { hashSecret, secretsEqual } from '../users/secrets';
import type { PublishedTrigger } from '../workflows';
import { openSecret, sealSecret } from '../secrets';
import {
  hookPath,
  webhooksCollection,
  type WebhookCredentials,
  type WebhookRecord,
} from './webhook-documents';

export type WebhookStore = ReturnType<typeof createWebhookStore>;

/** Prefixes make a leaked secret recognisable, as the platform's other secrets are. */
const prefixes = { hook: 'hk_', token: 'llh_', signingSecret: 'llw_' } as const;

function random(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** The context a hook's signing secret is sealed under, so it only opens on its own record. */
function sealContext(hookId: string): string {
  return `webhook:${hookId}:signingSecret`;
}

/**
 * Webhook endpoints and their secrets over the `webhooks` collection. The token is stored as a
 * SHA-256 hash (it is high-entropy, so no slow hash is needed) and the signing secret sealed
 * with AES-256-GCM under `secretsKey`; neither is ever returned except by the call that makes it.
 *
 * @example
 * const hooks = createWebhookStore(db, secretsKey);
 * const created = await hooks.ensureHooks(workflowId, version.triggers); // new credentials, once
 * const hook = await hooks.find('hk_…');
 */
export function createWebhookStore(db: Db, secretsKey: Buffer, options: { now?: () => Date } = {}) {
  const hooks = db.collection<WebhookRecord>(webhooksCollection);
  const now = () => (options.now ?? (() => new Date()))().toISOString();

  function newSecrets(hookId: string) {
    const token = random(prefixes.token, 32);
    const signingSecret = random(prefixes.signingSecret, 32);
    return {
      clear: { token, signingSecret },
      stored: {
        tokenHash: hashSecret(token),
        tokenHint: `${token.slice(0, 8)}…`,
        signingSecret: sealSecret(secretsKey, signingSecret, sealContext(hookId)),
      },
    };
  }

  return {
    async ensureIndexes(): Promise<void> {
      await hooks.createIndex({ workflowId: 1, nodeId: 1 }, { unique: true });
    },

    /**
     * Creates a hook for every webhook trigger in `triggers` that has none yet and returns the new
     * hooks' credentials; existing hooks keep their id and secrets. Concurrent calls create each
     * hook once (the unique index on workflow and node decides).
     */
    async ensureHooks(workflowId: string, triggers: PublishedTrigger[]): Promise<WebhookCredentials[]> {
      const created: WebhookCredentials[] = [];
      for (const trigger of triggers.filter((t) => t.type === 'trigger.webhook')) {
        if (await hooks.findOne({ workflowId, nodeId: trigger.nodeId }, { projection: { _id: 1 } })) continue;
        const hookId = random(prefixes.hook, 16);
        const secrets = newSecrets(hookId);
        try {
          await hooks.insertOne({
            _id: hookId,
            workflowId,
            nodeId: trigger.nodeId,
            ...secrets.stored,
            createdAt: now(),
          });
        } catch (error: unknown) {
          if (isDuplicateKeyError(error)) continue;
          throw error;
        }
        created.push({ hookId, nodeId: trigger.nodeId, path: hookPath(hookId), ...secrets.clear });
      }
      return created;
    },

    /** The hooks of a workflow, in node id order. */
    list(workflowId: string): Promise<WebhookRecord[]> {
      return hooks.find({ workflowId }).sort({ nodeId: 1 }).toArray();
    },

    /** The hook with this id, or undefined. */
    async find(hookId: string): Promise<WebhookRecord | undefined> {
      return (await hooks.findOne({ _id: hookId })) ?? undefined;
    },

    /**
     * Whether `token` is the hook's current token (compared as hashes, in constant time); a revoked
     * hook has none.
     */
    tokenMatches(hook: WebhookRecord, token: string): boolean {
      return hook.revokedAt === undefined && secretsEqual(hashSecret(token), hook.tokenHash);
    },

    /** The hook's signing secret in clear, to check a request's signature. */
    signingSecretOf(hook: WebhookRecord): string {
      return openSecret(secretsKey, hook.signingSecret, sealContext(hook._id));
    },

    /**
     * Replaces a hook's token and signing secret; the old ones stop working at once. Returns the
     * new credentials, or undefined when the workflow has no hook for that node.
     */
    async rotate(
      workflowId: string,
      nodeId: string,
    ): Promise<(WebhookCredentials & { rotatedAt: string }) | undefined> {
      const hook = await hooks.findOne({ workflowId, nodeId });
      if (!hook) return undefined;
      const secrets = newSecrets(hook._id);
      const rotatedAt = now();
      await hooks.updateOne(
        { _id: hook._id },
        { $set: { ...secrets.stored, rotatedAt }, $unset: { revokedAt: '' } },
      );
      return { hookId: hook._id, nodeId, path: hookPath(hook._id), ...secrets.clear, rotatedAt };
    },

    /**
     * Revokes a hook's token: every call is refused (401) until its secrets are rotated. Returns the
     * hook id and when, or undefined when the workflow has no hook for that node.
     */
    async revoke(
      workflowId: string,
      nodeId: string,
    ): Promise<{ hookId: string; nodeId: string; revokedAt: string } | undefined> {
      const hook = await hooks.findOne({ workflowId, nodeId });
      if (!hook) return undefined;
      const revokedAt = hook.revokedAt ?? now();
      if (hook.revokedAt === undefined) await hooks.updateOne({ _id: hook._id }, { $set: { revokedAt } });
      return { hookId: hook._id, nodeId, revokedAt };
    },
  };
}
