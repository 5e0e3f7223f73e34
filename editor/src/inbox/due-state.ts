import type { Task } from './task-api';

/** How urgent an open task is. */
export type Urgency = 'overdue' | 'dueSoon' | 'onTime' | 'noDueTime';

const hour = 3_600_000;
/** An open task due within this long is flagged as due soon. */
const soonMs = 4 * hour;

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/**
 * "in 3 hours", "2 days ago": the largest whole unit of a time difference.
 *
 * @example
 * fromNow(Date.parse('2026-01-02T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z')); // 'tomorrow'
 */
export function fromNow(at: number, now: number): string {
  const diff = at - now;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 24 * hour],
    ['hour', hour],
    ['minute', 60_000],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) return relative.format(Math.trunc(diff / size), unit);
  }
  // Clocks of browser and server differ by a little; under a minute either way reads the same.
  return 'just now';
}

/** How urgent an open task is at `now`; closed tasks have no urgency. */
export function urgencyOf(task: Pick<Task, 'status' | 'dueAt'>, now: number): Urgency {
  if (task.status !== 'open' || task.dueAt === undefined) return 'noDueTime';
  const left = Date.parse(task.dueAt) - now;
  if (left < 0) return 'overdue';
  return left <= soonMs ? 'dueSoon' : 'onTime';
}

/** The due time as a short phrase: "Overdue since 2 hours ago", "Due in 3 days", or "No due time". */
export function dueLabel(task: Pick<Task, 'status' | 'dueAt'>, now: number): string {
  if (task.dueAt === undefined) return 'No due time';
  const when = fromNow(Date.parse(task.dueAt), now);
  return urgencyOf(task, now) === 'overdue' ? `Overdue, due ${when}` : `Due ${when}`;
}
