import type { Task } from './task-api';

/** How urgent an open task is. */
export type Urgency = 'overdue' | 'dueSoon' | 'onTime' | 'noDueTime';

const hour = 3_600_000;
/** An open task due within this long is flagged as due soon. */
const soonMs = 4 * hour;

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/**
 * A time difference in the unit it is nearest to, rounded: 47.9 hours is "in 2 days", 22 hours
 * "tomorrow", 50 minutes "in 1 hour". A unit takes over from the next smaller one at about three
 * quarters of it (45 minutes, 22 hours), as people round when they speak.
 *
 * @example
 * fromNow(Date.parse('2026-01-02T23:54:00Z'), Date.parse('2026-01-01T00:00:00Z')); // 'in 2 days'
 */
export function fromNow(at: number, now: number): string {
  const diff = at - now;
  const units: [Intl.RelativeTimeFormatUnit, number, number][] = [
    ['day', 24 * hour, 22 * hour],
    ['hour', hour, 45 * 60_000],
    ['minute', 60_000, 60_000],
  ];
  for (const [unit, size, from] of units) {
    // Math.round rounds -2.5 up to -2; rounding the size of the difference keeps past and future alike.
    if (Math.abs(diff) >= from)
      return relative.format(Math.sign(diff) * Math.round(Math.abs(diff) / size), unit);
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
