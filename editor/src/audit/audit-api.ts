import type { AuditItem as TrailItem } from '../../../domain/audit/audit-trail';
import { api } from '../api/api-client';

/** One entry of the audit trail as the API lists it: a user actor also carries name and email. */
export type AuditItem = Omit<TrailItem, 'actor'> & {
  actor: { userId: string; name?: string; email?: string };
};

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

/** The filters of the Audit page, as query parameters (empty values are left out). */
export interface AuditFilter {
  actor: string;
  entityType: string;
  entityId: string;
  resource: string;
  action: string;
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = {
  actor: '',
  entityType: '',
  entityId: '',
  resource: '',
  action: '',
  from: '',
  to: '',
};

function query(values: Record<string, string>, cursor: string | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === '') continue;
    // `datetime-local` inputs give local time without a zone; the API takes ISO instants.
    params.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : value);
  }
  if (cursor !== undefined) params.set('cursor', cursor);
  return params.toString();
}

/** The audit trail API: the whole trail (admins, auditors) and one record's history (its readers). */
export const auditApi = {
  trail: (filter: AuditFilter, cursor?: string) =>
    api<AuditPage>(`/api/audit?${query({ ...filter }, cursor)}`),
  history: (type: string, id: string, cursor?: string) =>
    api<AuditPage>(
      `/api/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}/history?${query({}, cursor)}`,
    ),
};
