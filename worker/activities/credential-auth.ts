import { ApplicationFailure } from '@temporalio/activity';
import type { CredentialStore, OpenedCredential } from '../../domain/credentials';
import { CredentialNotFoundError } from '../../domain/credentials';
import { SecretBoxError } from '../../domain/secrets';

/** One POST the OAuth2 token fetch sends, through the same SSRF guard as the node's own request. */
export type TokenPost = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<{ status: number; headers: Record<string, string>; text: string }>;

export interface CredentialAuthDeps {
  credentials: Pick<CredentialStore, 'open'>;
  post: TokenPost;
  now?: () => number;
}

/** Headers a credential adds to a request, and a hook to call when the server refused them. */
export interface AppliedCredential {
  headers: Record<string, string>;
  /** Forgets a cached OAuth2 token, so that the next attempt fetches a fresh one. */
  refused(): void;
}

/** Cached tokens are dropped this long before they expire, so none goes out stale. */
const expiryMarginMs = 30_000;
/** A token response without `expires_in` is kept this long. */
const defaultTokenLifetimeMs = 60_000;

/**
 * Resolves `credentialId` to request headers. The secret goes only into the returned headers:
 * never into an error message, an activity result or a log line. OAuth2 client-credentials tokens
 * are cached per credential and secret version (a rotation starts afresh) until shortly before
 * they expire.
 */
export function createCredentialAuth(deps: CredentialAuthDeps) {
  const now = deps.now ?? (() => Date.now());
  const tokens = new Map<string, { token: string; expiresAt: number }>();

  async function open(credentialId: string): Promise<OpenedCredential> {
    try {
      return await deps.credentials.open(credentialId);
    } catch (error: unknown) {
      if (error instanceof CredentialNotFoundError)
        throw ApplicationFailure.nonRetryable(error.message, 'CredentialNotFound');
      if (error instanceof SecretBoxError)
        throw ApplicationFailure.nonRetryable(
          `credential ${credentialId}: ${error.message}`,
          'CredentialUnreadable',
        );
      throw error;
    }
  }

  async function fetchToken(credential: OpenedCredential): Promise<{ token: string; expiresAt: number }> {
    const { tokenUrl = '', clientId = '', scope } = credential.settings;
    const basic = Buffer.from(
      `${encodeURIComponent(clientId)}:${encodeURIComponent(credential.secret.clientSecret ?? '')}`,
    ).toString('base64');
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
    const response = await deps.post(
      tokenUrl,
      {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      form.toString(),
    );
    // The token endpoint's body is left out of the message: some echo the request back.
    const failed = (why: string, retryable: boolean) => {
      const message = `credential ${credential.id}: the OAuth2 token request to ${tokenUrl} ${why}`;
      return retryable
        ? ApplicationFailure.retryable(message, 'CredentialTokenFailed')
        : ApplicationFailure.nonRetryable(message, 'CredentialTokenFailed');
    };
    if (response.status !== 200) throw failed(`was answered ${response.status}`, response.status >= 500);
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(response.text) as typeof parsed;
    } catch {
      throw failed('did not return JSON', false);
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '')
      throw failed('returned no access_token', false);
    const lifetimeMs =
      typeof parsed.expires_in === 'number' ? parsed.expires_in * 1000 : defaultTokenLifetimeMs;
    return { token: parsed.access_token, expiresAt: now() + lifetimeMs - expiryMarginMs };
  }

  return {
    async apply(credentialId: string): Promise<AppliedCredential> {
      const credential = await open(credentialId);
      const { settings, secret } = credential;
      const fixed = (headers: Record<string, string>): AppliedCredential => ({ headers, refused: () => {} });
      switch (credential.kind) {
        case 'httpHeader':
          return fixed({ [settings.headerName ?? 'authorization']: secret.value ?? '' });
        case 'basicAuth':
          return fixed({
            authorization: `Basic ${Buffer.from(`${settings.username ?? ''}:${secret.password ?? ''}`).toString('base64')}`,
          });
        case 'bearer':
          return fixed({ authorization: `Bearer ${secret.token ?? ''}` });
        case 'oauth2ClientCredentials': {
          const key = `${credential.id}:${credential.secretVersion}`;
          let cached = tokens.get(key);
          if (cached === undefined || cached.expiresAt <= now()) {
            cached = await fetchToken(credential);
            tokens.set(key, cached);
          }
          return { headers: { authorization: `Bearer ${cached.token}` }, refused: () => tokens.delete(key) };
        }
      }
    },
  };
}

export type CredentialAuth = ReturnType<typeof createCredentialAuth>;
