import type { RunStatus } from '../../schemas/vocabulary';
import { tasksCollection, type TaskDocument } from '../tasks';
import { workflowsCollection, type WorkflowDocument } from '../workflows';
import { addDays } from './calendar';
import { groupCollection } from './group-totals';
import type { InsightContext } from './insight-context';
import type { Widget } from './widgets';

/** Days of runs shown per day. */
const runDays = 7;
/** Days over which each workflow's failure rate is measured, and how many workflows are shown. */
const failureWindowDays = 30;
const failureWorkflows = 8;
const shownStatuses: RunStatus[] = ['completed', 'failed', 'running', 'cancelled', 'terminated', 'timedOut'];

/**
 * The admin section: runs per day by status and each published workflow's failure rate (counted by
 * Temporal's visibility, as the runs list counts them), the open task backlog by role and overdue tasks.
 */
export async function adminSection({ db, countRuns, now, today }: InsightContext): Promise<Widget[]> {
  const days = Array.from({ length: runDays }, (_, i) => addDays(today, i - (runDays - 1)));
  const midnight = (day: string) => `${day}T00:00:00.000Z`;
  const failureFrom = midnight(addDays(today, -(failureWindowDays - 1)));
  const tasks = db.collection<TaskDocument>(tasksCollection);
  const [perDay, workflows, backlog, overdue] = await Promise.all([
    Promise.all(
      days.map((day) => countRuns({ startedAfter: midnight(day), startedBefore: midnight(addDays(day, 1)) })),
    ),
    db
      .collection<WorkflowDocument>(workflowsCollection)
      .find({ publishedVersion: { $exists: true }, archived: { $ne: true } }, { projection: { name: 1 } })
      .sort({ name: 1 })
      .limit(failureWorkflows)
      .toArray(),
    groupCollection(tasks, { status: 'open' }, { role: 'assigneeRole' }, 'count'),
    groupCollection(tasks, { status: 'open', dueAt: { $lt: now.toISOString() } }, {}, 'count'),
  ]);
  const failures = await Promise.all(
    workflows.map((workflow) => countRuns({ workflowId: workflow._id, startedAfter: failureFrom })),
  );
  const roles = backlog
    .filter((group) => typeof group.key.role === 'string')
    .sort((a, b) => b.value - a.value || String(a.key.role).localeCompare(String(b.key.role)));
  return [
    {
      kind: 'chart',
      id: 'runsPerDay',
      title: 'Runs per day by status',
      chart: 'bar',
      stacked: true,
      unit: 'count',
      categories: days,
      series: shownStatuses.map((status) => ({
        name: status,
        values: perDay.map((counts) => counts.byStatus[status]),
      })),
      links: days.map(
        (day) => `/runs?startedAfter=${midnight(day)}&startedBefore=${midnight(addDays(day, 1))}`,
      ),
    },
    {
      kind: 'chart',
      id: 'failureRate',
      title: 'Failure rate by workflow',
      chart: 'bar',
      unit: 'bp',
      categories: workflows.map((workflow) => workflow.name),
      series: [
        {
          name: 'Failed runs',
          values: failures.map((counts) =>
            counts.total === 0 ? 0 : Math.round((counts.byStatus.failed * 10_000) / counts.total),
          ),
        },
      ],
      links: workflows.map(
        (workflow) => `/runs?workflowId=${encodeURIComponent(workflow._id)}&status=failed`,
      ),
      note: `Runs started in the last ${failureWindowDays} days; the first ${failureWorkflows} published workflows by name`,
    },
    {
      kind: 'chart',
      id: 'taskBacklog',
      title: 'Task backlog by role',
      chart: 'bar',
      unit: 'count',
      categories: roles.map((group) => String(group.key.role)),
      series: [{ name: 'Open tasks', values: roles.map((group) => group.value) }],
      links: roles.map((group) => `/inbox?scope=all&role=${encodeURIComponent(String(group.key.role))}`),
    },
    {
      kind: 'stat',
      id: 'overdueTasks',
      title: 'Overdue tasks',
      unit: 'count',
      value: overdue[0]?.value ?? 0,
      note: 'Open tasks past their due time',
      link: '/inbox?scope=all',
    },
  ];
}
