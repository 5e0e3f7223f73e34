import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import { webhookApi, type Webhook, type WebhookCredentials } from './webhook-api';

/**
 * New webhook secrets, shown this once: the URL to call, the token and the signing secret, each with
 * a copy button. Nothing shows them again; a lost token is replaced with Rotate.
 */
export function WebhookCredentialsNotice({
  credentials,
  onDismiss,
}: {
  credentials: readonly WebhookCredentials[];
  onDismiss: () => void;
}) {
  if (credentials.length === 0) return null;
  return (
    <section className="notice wf-webhook-secrets" role="alert" aria-label="New webhook secrets">
      <strong>Copy these webhook secrets now: they are shown only once.</strong>
      {credentials.map((hook) => (
        <dl key={hook.hookId}>
          <Secret
            label={`URL (${hook.nodeId})`}
            value={hook.url ?? `${window.location.origin}${hook.path}`}
          />
          <Secret label="Token" value={hook.token} />
          <Secret label="Signing secret" value={hook.signingSecret} />
        </dl>
      ))}
      <button type="button" onClick={onDismiss}>
        I have copied them
      </button>
    </section>
  );
}

function Secret({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <code>{value}</code>{' '}
        <button
          type="button"
          aria-label={`Copy ${label}`}
          onClick={() => void navigator.clipboard?.writeText(value)}
        >
          Copy
        </button>
      </dd>
    </div>
  );
}

/**
 * The workflow's webhooks: URL, which token is in use (its first characters), whether the published
 * version serves it and whether it is revoked; Rotate issues new secrets (shown once) and Revoke
 * stops every call until the next rotate.
 */
export function WebhooksSection({
  workflowId,
  publishedVersion,
  onNewCredentials,
}: {
  workflowId: string;
  publishedVersion: number | undefined;
  onNewCredentials: (credentials: WebhookCredentials[]) => void;
}) {
  const [hooks, setHooks] = useState<Webhook[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      webhookApi
        .list(workflowId)
        .then(setHooks)
        .catch((caught: unknown) => setError(errorMessage(caught))),
    [workflowId],
  );
  useEffect(() => {
    void load();
  }, [load, publishedVersion]);

  const act = (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    work()
      .then(load)
      .catch((caught: unknown) => setError(errorMessage(caught)))
      .finally(() => setBusy(false));
  };
  const rotate = (hook: Webhook) => {
    if (
      !window.confirm(
        `Rotate the secrets of webhook ${hook.nodeId}? The current token stops working at once.`,
      )
    )
      return;
    act(async () => onNewCredentials([await webhookApi.rotate(workflowId, hook.nodeId)]));
  };
  const revoke = (hook: Webhook) => {
    if (
      !window.confirm(`Revoke the token of webhook ${hook.nodeId}? Every call is refused until you rotate.`)
    )
      return;
    act(async () => {
      await webhookApi.revoke(workflowId, hook.nodeId);
    });
  };

  if (hooks === undefined || hooks.length === 0) return error ? <p className="error">{error}</p> : null;
  return (
    <section aria-label="Webhooks">
      <h2>Webhooks</h2>
      {error && <p className="error">{error}</p>}
      <ul className="wf-runs">
        {hooks.map((hook) => (
          <li key={hook.hookId}>
            <span>
              <strong>{hook.nodeId}</strong> <code>{hook.url}</code>
            </span>
            <span className="meta">
              token {hook.tokenHint}
              {hook.revokedAt !== null
                ? ` · revoked ${new Date(hook.revokedAt).toLocaleString()}`
                : hook.live
                  ? ' · live'
                  : ' · not in the published version'}
            </span>
            <span>
              <button type="button" disabled={busy} onClick={() => rotate(hook)}>
                Rotate
              </button>{' '}
              <button type="button" disabled={busy || hook.revokedAt !== null} onClick={() => revoke(hook)}>
                Revoke
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
