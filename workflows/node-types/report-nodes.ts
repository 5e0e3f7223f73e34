import type { NodeTypeDeclaration } from './node-type';
import { singleOutPort } from './node-type';
import { externalActivity, paramsObject, recipientsParam } from './param-schemas';

/** The most rows one `report.run` writes; the reports export has the same bound. */
export const reportRunMaxRows = 10_000;

export const reportRun: NodeTypeDeclaration = {
  type: 'report.run',
  group: 'data',
  label: 'Run report',
  description:
    'Runs a saved report (Reports page) as CSV and, when recipients are given, emails it as an attachment. With a schedule trigger in front, this is a scheduled report mail.',
  paramsSchema: paramsObject(
    {
      reportId: {
        type: 'string',
        title: 'Report',
        description: 'A report id from the Reports page, e.g. builtin-unpaid-invoices-past-due.',
        pattern: '^(builtin-[a-z0-9-]+|rep_[A-Za-z0-9-]+)$',
      },
      format: { type: 'string', title: 'Format', enum: ['csv'], default: 'csv' },
      view: {
        type: 'string',
        title: 'View',
        description: 'rows, or groups for a grouped report (the default for one).',
        enum: ['rows', 'groups'],
      },
      maxRows: {
        type: 'integer',
        title: 'Row limit',
        minimum: 1,
        maximum: reportRunMaxRows,
        default: reportRunMaxRows,
      },
      to: {
        ...recipientsParam,
        description:
          'One address or a list of addresses to mail the CSV to; leave empty to only count the rows.',
      },
      subject: {
        type: 'string',
        title: 'Subject',
        description: 'Default: the report name and the date.',
        minLength: 1,
        maxLength: 400,
      },
      body: { type: 'string', title: 'Body', description: 'Default: the row count and the file name.' },
    },
    ['reportId'],
  ),
  ports: singleOutPort,
  outputDescription:
    'The run: {reportId, name, rowCount, truncated, fileName}, plus {emailed: {messageId, to}} when it was mailed. A missing report or one the store cannot run leaves by the error port.',
  execution: 'activity',
  activity: externalActivity,
};
