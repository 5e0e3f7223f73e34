const DAY_MS = 86_400_000;

/** The calendar date (`YYYY-MM-DD`, UTC) of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * A calendar date moved by whole days.
 *
 * @example
 * addDays('2026-03-01', -1); // '2026-02-28'
 */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier.
 *
 * @example
 * daysBetween('2026-01-31', '2026-03-02'); // 30
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/**
 * The `count` months up to and including the month of `day`, oldest first, as `YYYY-MM`.
 *
 * @example
 * lastMonths('2026-02-10', 3); // ['2025-12', '2026-01', '2026-02']
 */
export function lastMonths(day: string, count: number): string[] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
}
