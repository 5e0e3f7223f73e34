/** The receivables ageing buckets, by whole days past the due date. */
export const ageingBuckets = [
  { id: 'current', label: 'Current', from: Number.NEGATIVE_INFINITY, to: 0 },
  { id: '1-30', label: '1–30 days', from: 1, to: 30 },
  { id: '31-60', label: '31–60 days', from: 31, to: 60 },
  { id: '61-90', label: '61–90 days', from: 61, to: 90 },
  { id: '90+', label: '90+ days', from: 91, to: Number.POSITIVE_INFINITY },
] as const;
export type AgeingBucketId = (typeof ageingBuckets)[number]['id'];

/**
 * The bucket of an amount `daysPastDue` days past its due date: due today or later is current, one
 * day late is 1–30, and 91 days late is the first of 90+.
 *
 * @example
 * ageingBucket(0); // 'current'
 * ageingBucket(30); // '1-30'
 * ageingBucket(91); // '90+'
 */
export function ageingBucket(daysPastDue: number): AgeingBucketId {
  return ageingBuckets.find((bucket) => daysPastDue >= bucket.from && daysPastDue <= bucket.to)!.id;
}

/**
 * Days sales outstanding: what is owed, over what was invoiced in the period, times the period's
 * days, to one decimal; null when nothing was invoiced.
 *
 * @example
 * daysSalesOutstanding(45_000, 90_000, 90); // 45
 */
export function daysSalesOutstanding(
  receivable: number,
  invoiced: number,
  periodDays: number,
): number | null {
  if (invoiced <= 0) return null;
  return Math.round((receivable * periodDays * 10) / invoiced) / 10;
}
