/** `today`, `today-30` or `today+7`: a date counted in days from the day a report runs (UTC). */
export const relativeDatePattern = /^today(?:([+-])([0-9]{1,4}))?$/;

/**
 * The date a relative date names on the day `now` falls on (UTC): `YYYY-MM-DD` for date fields, that
 * day's midnight for date-time fields. Other values are returned as they are.
 *
 * @example
 * resolveRelativeDate('today-1', 'date', new Date('2026-03-01T10:00:00Z')); // '2026-02-28'
 */
export function resolveRelativeDate(value: unknown, format: string | undefined, now: Date): unknown {
  if (typeof value !== 'string') return value;
  const match = relativeDatePattern.exec(value);
  if (match === null || (format !== 'date' && format !== 'date-time')) return value;
  const days = match[2] === undefined ? 0 : Number(match[2]) * (match[1] === '-' ? -1 : 1);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  const iso = day.toISOString();
  return format === 'date' ? iso.slice(0, 10) : iso;
}
