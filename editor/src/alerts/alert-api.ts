import type { AlertEvent } from '../../../domain/alerts/alert-events';
import { api } from '../api/api-client';

/** A role's digest subscription as `GET /api/alerts/subscriptions` lists it. */
export interface AlertSubscription {
  _id: string;
  role: string;
  events: AlertEvent[];
  intervalMinutes: number;
  createdAt: string;
}

/** The alert subscriptions API (admins). */
export const alertApi = {
  async list(): Promise<AlertSubscription[]> {
    return (await api<{ items: AlertSubscription[] }>('/api/alerts/subscriptions')).items;
  },
  create(input: { role: string; events: AlertEvent[]; intervalMinutes: number }): Promise<AlertSubscription> {
    return api<AlertSubscription>('/api/alerts/subscriptions', { method: 'POST', body: input });
  },
  remove(id: string): Promise<void> {
    return api<void>(`/api/alerts/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
};
