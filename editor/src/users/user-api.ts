import type { ApiToken, User } from '../../../domain/users/user-types';
import { api } from '../api/api-client';

export type { ApiToken, User } from '../../../domain/users/user-types';

/** Users (admins) and API tokens (everyone their own; admins anyone's). */
export const userApi = {
  async list(): Promise<User[]> {
    return (await api<{ items: User[] }>('/api/users')).items;
  },
  create: (input: { name: string; email: string; roles: string[]; password: string }) =>
    api<User>('/api/users', { method: 'POST', body: input }),
  update: (id: string, patch: { name?: string; roles?: string[]; active?: boolean; password?: string }) =>
    api<User>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  async tokens(): Promise<ApiToken[]> {
    return (await api<{ items: ApiToken[] }>('/api/tokens')).items;
  },
  createToken: (input: { name: string; userId: string; expiresInDays?: number }) =>
    api<ApiToken & { token: string }>('/api/tokens', { method: 'POST', body: input }),
  revokeToken: (id: string) => api<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
