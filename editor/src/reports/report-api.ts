import type { Report, ReportDefinition } from '../../../domain/reports/report-types';
import type { ReportColumn, ReportGroups, ReportRow } from '../../../domain/reports/report-types';
import { api } from '../api/api-client';

export type { Report, ReportDefinition };

/** One page of a report as `GET /api/reports/:id/rows` answers it. */
export interface ReportPage {
  report: { _id: string; name: string; entityType: string };
  columns: ReportColumn[];
  items: ReportRow[];
  nextCursor: string | null;
  groups?: ReportGroups;
}

const base = '/api/reports';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** The reports API. */
export const reportApi = {
  async list(): Promise<Report[]> {
    return (await api<{ items: Report[] }>(base)).items;
  },
  get: (id: string) => api<Report>(one(id)),
  rows: (id: string, cursor?: string) =>
    api<ReportPage>(
      `${one(id)}/rows?limit=50${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    ),
  create: (definition: ReportDefinition) => api<Report>(base, { method: 'POST', body: definition }),
  update: (id: string, definition: ReportDefinition) =>
    api<Report>(one(id), { method: 'PUT', body: definition }),
  remove: (id: string) => api<void>(one(id), { method: 'DELETE' }),
  /** The CSV download's URL: the browser fetches it with the session cookie and saves the file. */
  exportUrl: (id: string, view?: 'rows' | 'groups') =>
    `${one(id)}/export.csv${view === undefined ? '' : `?view=${view}`}`,
};
