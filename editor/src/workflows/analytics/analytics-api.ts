import type { ProcessAnalytics } from '../../../../domain/process-analytics/analytics-answer';
import { api } from '../../api/api-client';

/** The time ranges offered, and a custom one. */
export type RangeChoice = '24h' | '7d' | '30d' | 'custom';

export const rangeChoices: ReadonlyArray<{ value: RangeChoice; label: string; ms?: number }> = [
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000 },
  { value: 'custom', label: 'Custom' },
];

export interface AnalyticsRequest {
  workflowId: string;
  version: number;
  /** ISO 8601; both unset asks for the server's default, the last seven days. */
  from?: string;
  to?: string;
}

/** `GET /api/workflows/:id/analytics`. */
export function fetchAnalytics(request: AnalyticsRequest): Promise<ProcessAnalytics> {
  const query = new URLSearchParams({ version: String(request.version) });
  if (request.from !== undefined) query.set('from', request.from);
  if (request.to !== undefined) query.set('to', request.to);
  return api<ProcessAnalytics>(
    `/api/workflows/${encodeURIComponent(request.workflowId)}/analytics?${query.toString()}`,
  );
}
