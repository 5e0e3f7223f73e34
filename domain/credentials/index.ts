/** Credentials for `http.request`: kinds, the sealed store, and where each is used. */
export * from './credential-kinds';
export * from './credential-documents';
export * from './credential-errors';
export { createCredentialStore } from './credential-store';
export type { CredentialActor, CredentialStore } from './credential-store';
export { credentialUsage, nodesUsingCredential } from './credential-usage';
