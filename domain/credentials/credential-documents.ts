import type { SealedSecret } from '../secrets/sealed-secret';
import type { CredentialKind } from './credential-kinds';

export const credentialsCollection = 'credentials';

/** A stored credential: its settings in clear, its secret fields sealed as one JSON object. */
export interface CredentialDocument {
  _id: string;
  name: string;
  kind: CredentialKind;
  description?: string;
  settings: Record<string, string>;
  sealed: SealedSecret;
  /** A masked hint of the secret, enough to tell two credentials apart. */
  hint: string;
  createdAt: string;
  createdBy: string;
  /** Bumped by each rotation; the worker's token cache is keyed by it. */
  secretVersion: number;
  rotatedAt?: string;
  rotatedBy?: string;
}

/** What the API shows of a credential: everything but the sealed secret. */
export type CredentialView = Omit<CredentialDocument, '_id' | 'sealed'> & { id: string };

/** A credential opened for use by the worker: settings and secret fields in clear. */
export interface OpenedCredential {
  id: string;
  kind: CredentialKind;
  settings: Record<string, string>;
  secret: Record<string, string>;
  secretVersion: number;
}

/** The context a credential's secret is sealed under: a copied sealed blob opens nowhere else. */
export function credentialSealContext(id: string): string {
  return `credential:${id}`;
}

/**
 * A hint that shows at most the last four characters, and only of a secret long enough that
 * four characters say little about it.
 *
 * @example
 * maskedHint('sk_live_0123456789abcdef'); // '••••cdef'
 * maskedHint('hunter2'); // '••••'
 */
export function maskedHint(secret: string): string {
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : '••••';
}

/** The view of a stored credential. */
export function credentialView(document: CredentialDocument): CredentialView {
  const { _id, sealed: _sealed, ...rest } = document;
  return { id: _id, ...rest };
}

/** A workflow whose draft or published version names a credential. */
export interface CredentialUse {
  workflowId: string;
  name: string;
  /** Nodes of the draft that name it. */
  draftNodes: string[];
  /** The published version, when it names the credential. */
  publishedVersion?: number;
  publishedNodes: string[];
}
