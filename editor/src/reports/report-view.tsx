import { useEffect, useState } from 'react';
import { scheduledReportWorkflow } from '../../../domain/reports/scheduled-report-workflow';
import { reportDefinitionOf } from '../../../domain/reports/report-types';
import { problemText } from '../credentials/credential-api';
import { toText } from '../entities/format';
import { Link, navigate } from '../routing/use-route';
import { PageHeader } from '../shell/page-header';
import { workflowApi } from '../workflows/workflow-api';
import type { WorkflowDefinition } from '../workflows/model/core';
import { reportApi, type Report, type ReportPage } from './report-api';
import { useCanManageReports } from './reports-page';
import './reports.css';

const numeric = (type: string) => type === 'integer' || type === 'number';

/**
 * One report: its group rows (count and sums per value of the group field), its rows page by page,
 * the CSV download, and for report managers edit, copy, delete and "Schedule by email".
 */
export function ReportView({ id }: { id: string }) {
  const [report, setReport] = useState<Report>();
  const [page, setPage] = useState<ReportPage>();
  const [error, setError] = useState<string>();
  const canManage = useCanManageReports();
  useEffect(() => {
    let live = true;
    Promise.all([reportApi.get(id), reportApi.rows(id)]).then(
      ([loaded, rows]) => {
        if (!live) return;
        setReport(loaded);
        setPage(rows);
      },
      (caught: unknown) => live && setError(problemText(caught)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const loadMore = async () => {
    if (page?.nextCursor == null) return;
    try {
      const next = await reportApi.rows(id, page.nextCursor);
      setPage({ ...page, items: [...page.items, ...next.items], nextCursor: next.nextCursor });
    } catch (caught: unknown) {
      setError(problemText(caught));
    }
  };
  const act = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (caught: unknown) {
      setError(problemText(caught));
    }
  };
  if (report === undefined || page === undefined)
    return <section className="page">{error ? <p role="alert">{error}</p> : <p>Loading report…</p>}</section>;
  const groups = page.groups;
  const titles = new Map(page.columns.map((column) => [column.path, column.title]));
  return (
    <section className="page" aria-labelledby="report-title">
      <PageHeader id="report-title" eyebrow="Report" title={report.name} note={report.description} />
      <div className="report-actions">
        <Link to={{ page: 'reports' }}>All reports</Link>
        <a className="button" href={reportApi.exportUrl(id)} download>
          Export CSV
        </a>
        {groups && (
          <a className="button" href={reportApi.exportUrl(id, 'rows')} download>
            Export rows as CSV
          </a>
        )}
        {canManage && !report.builtIn && (
          <>
            <Link className="button" to={{ page: 'reportEdit', id }}>
              Edit
            </Link>
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  if (!window.confirm(`Delete the report "${report.name}"?`)) return;
                  await reportApi.remove(id);
                  navigate({ page: 'reports' });
                })
              }
            >
              Delete
            </button>
          </>
        )}
        {canManage && (
          <button
            type="button"
            onClick={() =>
              void act(async () => {
                const copy = await reportApi.create({
                  ...reportDefinitionOf(report),
                  name: `${report.name} (copy)`,
                });
                navigate({ page: 'reportEdit', id: copy._id });
              })
            }
          >
            Save a copy
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      {canManage && <ScheduleByEmail report={report} onError={setError} />}
      {groups && (
        <table className="records report-groups" aria-label="Groups">
          <thead>
            <tr>
              <th>{titles.get(groups.field) ?? groups.field}</th>
              <th className="number">Count</th>
              {Object.keys(groups.total.sums).map((field) => (
                <th key={field} className="number">
                  {titles.get(field) ?? field} (sum)
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.items.map((group) => (
              <tr key={toText(group.key)}>
                <td>{group.key === null ? '(none)' : toText(group.key)}</td>
                <td className="number">{group.count}</td>
                {Object.entries(group.sums).map(([field, sum]) => (
                  <td key={field} className="number">
                    {sum}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>Total</td>
              <td className="number">{groups.total.count}</td>
              {Object.entries(groups.total.sums).map(([field, sum]) => (
                <td key={field} className="number">
                  {sum}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
      <table className="records" aria-label="Rows">
        <thead>
          <tr>
            {page.columns.map((column) => (
              <th key={column.path} className={numeric(column.type) ? 'number' : undefined}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.items.map((row) => (
            <tr key={row._id}>
              {page.columns.map((column, index) => (
                <td key={column.path} className={numeric(column.type) ? 'number' : undefined}>
                  {index === 0 ? (
                    <Link to={{ page: 'detail', type: report.entityType, id: row._id }}>
                      {toText(row[column.path]) || row._id}
                    </Link>
                  ) : (
                    toText(row[column.path])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {page.items.length === 0 && <p>No records match this report.</p>}
      {page.nextCursor !== null && (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}

/** "Schedule by email": saves a draft workflow (schedule trigger, then report.run) and opens it to publish. */
function ScheduleByEmail({ report, onError }: { report: Report; onError: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [cron, setCron] = useState('0 7 * * 1');
  const [to, setTo] = useState('');
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Schedule by email
        </button>
      </p>
    );
  return (
    <form
      className="entity-form report-form"
      aria-label="Schedule by email"
      onSubmit={(event) => {
        event.preventDefault();
        const recipients = to
          .split(/[,;\s]+/)
          .map((address) => address.trim())
          .filter(Boolean);
        workflowApi
          .create(scheduledReportWorkflow(report, { cron, to: recipients }) as unknown as WorkflowDefinition)
          .then(
            (created) => navigate({ page: 'workflow', id: created._id }),
            (caught: unknown) => onError(problemText(caught)),
          );
      }}
    >
      <h2>Schedule by email</h2>
      <p>Creates a workflow that mails this report as CSV; publish it to start the schedule.</p>
      <label>
        Schedule (cron, UTC)
        <input value={cron} onChange={(event) => setCron(event.target.value)} />
      </label>
      <label>
        Recipients
        <input
          value={to}
          placeholder="cfo@example.com, ops@example.com"
          onChange={(event) => setTo(event.target.value)}
        />
      </label>
      <button type="submit">Create workflow</button>
    </form>
  );
}
