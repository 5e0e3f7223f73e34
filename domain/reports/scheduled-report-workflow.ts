import type { Report } from './report-types';

/** When and to whom a report is mailed. */
export interface ReportMailSchedule {
  /** Five-field cron, e.g. `0 7 * * 1-5` (weekdays at 07:00). */
  cron: string;
  /** IANA time zone of the cron; default UTC. */
  timezone?: string;
  to: string[];
}

/**
 * A workflow draft that mails a report on a schedule: a `trigger.schedule` node, then a `report.run`
 * node with recipients. Publishing it creates the Temporal Schedule. Browser-safe: the Reports page's
 * "Schedule by email" saves this as a new workflow.
 *
 * @example
 * scheduledReportWorkflow(report, { cron: '0 7 * * 1', to: ['cfo@example.com'] }).nodes[1].type; // 'report.run'
 */
export function scheduledReportWorkflow(report: Pick<Report, '_id' | 'name'>, schedule: ReportMailSchedule) {
  return {
    name: `Mail report: ${report.name}`,
    description: `Emails the report "${report.name}" as CSV on the schedule ${schedule.cron}.`,
    nodes: [
      {
        id: 'schedule',
        type: 'trigger.schedule',
        params: {
          cron: schedule.cron,
          ...(schedule.timezone === undefined ? {} : { timezone: schedule.timezone }),
        },
        position: { x: 0, y: 0 },
      },
      {
        id: 'report',
        type: 'report.run',
        params: { reportId: report._id, format: 'csv', to: schedule.to },
        position: { x: 320, y: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'schedule', target: 'report' }],
  };
}
