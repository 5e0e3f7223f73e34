import { reportManagerRoles } from '../../../domain/reports/report-types';
import { useSession } from '../auth/session';
import { useSchemas } from '../entities/schema-context';
import { useLiveData } from '../inbox/use-live-data';
import { Link } from '../routing/use-route';
import { PageHeader } from '../shell/page-header';
import { reportApi } from './report-api';
import './reports.css';

/** Whether the signed-in user may create, change and delete reports. */
export function useCanManageReports(): boolean {
  const roles: readonly string[] = useSession().user?.roles ?? [];
  return roles.some((role) => (reportManagerRoles as readonly string[]).includes(role));
}

/** The Reports page: the built-in and saved reports, each opening to its rows. */
export function ReportsPage() {
  const reports = useLiveData('reports', () => reportApi.list(), 60_000);
  const schemas = useSchemas();
  const canManage = useCanManageReports();
  const label = (type: string) =>
    schemas.status === 'ready' ? (schemas.types.get(type)?.meta.label ?? type) : type;
  return (
    <section className="page" aria-labelledby="reports-title">
      <PageHeader
        id="reports-title"
        eyebrow="Insight"
        title="Reports"
        note="Saved lists of records with their groups, exported as CSV or mailed on a schedule."
      />
      {canManage && (
        <p>
          <Link to={{ page: 'reportEdit', id: 'new' }} className="button">
            New report
          </Link>
        </p>
      )}
      {reports.error && <p role="alert">{reports.error}</p>}
      <table className="records" aria-label="Reports">
        <thead>
          <tr>
            <th>Report</th>
            <th>Records</th>
            <th>About</th>
          </tr>
        </thead>
        <tbody>
          {(reports.data ?? []).map((report) => (
            <tr key={report._id}>
              <td>
                <Link to={{ page: 'report', id: report._id }}>{report.name}</Link>
                {report.builtIn && <span className="report-badge">Built-in</span>}
              </td>
              <td>{label(report.entityType)}</td>
              <td>{report.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
