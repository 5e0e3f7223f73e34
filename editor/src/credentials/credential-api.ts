import type { CredentialUse, CredentialView } from '../../../domain/credentials/credential-documents';
import type { CredentialKind } from '../../../domain/credentials/credential-kinds';
import { api, ApiError, errorMessage } from '../api/api-client';

export type Credential = CredentialView;
export type { CredentialKind, CredentialUse };

/** What a new credential sends: its secret goes to the server once and never comes back. */
export interface NewCredential {
  name: string;
  kind: CredentialKind;
  description?: string;
  settings: Record<string, string>;
  secret: Record<string, string>;
}

/** The credentials API (`/api/credentials`): views with a masked hint, never a secret. */
export const credentialApi = {
  async list(): Promise<Credential[]> {
    return (await api<{ items: Credential[] }>('/api/credentials')).items;
  },
  create(credential: NewCredential): Promise<Credential> {
    return api<Credential>('/api/credentials', { method: 'POST', body: credential });
  },
  rotate(id: string, secret: Record<string, string>): Promise<Credential> {
    return api<Credential>(`/api/credentials/${encodeURIComponent(id)}/rotate`, {
      method: 'POST',
      body: { secret },
    });
  },
  remove(id: string): Promise<void> {
    return api<void>(`/api/credentials/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  async usage(id: string): Promise<CredentialUse[]> {
    return (await api<{ items: CredentialUse[] }>(`/api/credentials/${encodeURIComponent(id)}/usage`)).items;
  },
};

/** An API failure as one line, with each field's problem: "name is taken; secret.token is required". */
export function problemText(error: unknown): string {
  if (error instanceof ApiError && error.details.length > 0)
    return `${error.message}: ${error.details.map((detail) => `${detail.path} ${detail.message}`).join('; ')}`;
  return errorMessage(error);
}
