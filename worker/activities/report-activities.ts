import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from 'mongodb';
import { EntityError } from '../../domain/entities';
import { createReportStore, reportFileName, writeReportCsv } from '../../domain/reports';
import { reportRunMaxRows } from '../../workflows/node-types/report-nodes';
import type { ActivityCall } from '../workflows/activity-contract';
import type { Mailer } from './mailer';
import { recipientsOf } from './notify-activities';

/**
 * `report.run`: runs a saved report as CSV, bounded to `maxRows`, and mails it as an attachment when
 * `to` is given, once per node visit (the mail is keyed by the visit's idempotency key). The CSV is
 * the export's, byte for byte.
 */
export function createReportActivities(deps: { db: Db; mailer: Mailer; now?: () => Date }) {
  const reports = createReportStore(deps.db);
  return {
    async 'report.run'(call: ActivityCall) {
      const { reportId, view, maxRows, to, subject, body } = call.params;
      if (typeof reportId !== 'string')
        throw ApplicationFailure.nonRetryable('reportId must be a report id', 'ValidationError');
      const report = await reports.get(reportId);
      if (report === undefined)
        throw ApplicationFailure.nonRetryable(`report ${reportId} does not exist`, 'NotFoundError');
      const recipients = to === undefined || to === null || to === '' ? undefined : recipientsOf(to);
      const now = (deps.now ?? (() => new Date()))();
      const fileName = reportFileName(report, now);
      let csv = '';
      let outcome: { rowCount: number; truncated: boolean };
      try {
        outcome = await writeReportCsv(
          deps.db,
          report,
          {
            now,
            view: view === 'rows' || report.groupBy === undefined ? 'rows' : 'groups',
            maxRows:
              typeof maxRows === 'number' && maxRows >= 1
                ? Math.min(maxRows, reportRunMaxRows)
                : reportRunMaxRows,
          },
          (chunk) => {
            csv += chunk;
          },
        );
      } catch (error: unknown) {
        if (error instanceof EntityError)
          throw ApplicationFailure.nonRetryable(error.message, 'ValidationError');
        throw error;
      }
      const result = { reportId, name: report.name, ...outcome, fileName };
      if (recipients === undefined) return result;
      const rows = `${outcome.rowCount} row${outcome.rowCount === 1 ? '' : 's'}${outcome.truncated ? ' (cut at the row limit)' : ''}`;
      const mail = await deps.mailer.send({
        key: call.idempotencyKey,
        to: recipients,
        subject:
          typeof subject === 'string' && subject !== ''
            ? subject
            : `${report.name} — ${now.toISOString().slice(0, 10)}`,
        body:
          typeof body === 'string' && body !== ''
            ? body
            : `${report.name}: ${rows}, attached as ${fileName}.`,
        attachments: [{ filename: fileName, contentType: 'text/csv; charset=utf-8', content: csv }],
      });
      return { ...result, emailed: { messageId: mail.messageId, to: recipients } };
    },
  };
}
