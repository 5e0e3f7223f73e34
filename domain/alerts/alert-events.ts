// Browser-safe: the editor's alerts page offers these.

/** What a digest reports. */
export const alertEvents = ['runFailures', 'overdueTasks'] as const;
export type AlertEvent = (typeof alertEvents)[number];

/** How the alerts page names each. */
export const alertEventLabels: Record<AlertEvent, string> = {
  runFailures: 'Failed runs',
  overdueTasks: 'Overdue tasks',
};
