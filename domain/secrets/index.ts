/** Secrets at rest: AES-256-GCM sealing under SECRETS_KEY, shared by webhooks and credentials. */
export { openSecret, sealSecret, SecretBoxError } from './secret-box';
export type { SealedSecret } from './secret-box';
export { loadOrCreateSecretsKey, readKeyFile } from './secrets-key';
