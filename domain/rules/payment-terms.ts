import type { Account } from '../../schemas/types/index.generated';

/** Payment terms as the schemas spell them, e.g. `net30`. */
export type PaymentTerms = Account['paymentTerms'];

/** Every payment term, in the order forms list them; a test keeps it equal to the schemas' enums. */
export const paymentTermsValues = [
  'dueOnReceipt',
  'net7',
  'net14',
  'net15',
  'net30',
  'net45',
  'net60',
  'net90',
  'endOfMonth',
  'endOfNextMonth',
] as const satisfies readonly PaymentTerms[];

const netDays: Partial<Record<PaymentTerms, number>> = {
  dueOnReceipt: 0,
  net7: 7,
  net14: 14,
  net15: 15,
  net30: 30,
  net45: 45,
  net60: 60,
  net90: 90,
};

const DAY_MS = 86_400_000;

/**
 * The due date of an invoice issued on `issueDate` (`YYYY-MM-DD`) under the given terms: `netN` adds N
 * calendar days, `dueOnReceipt` is the issue date, `endOfMonth` the last day of the issue month and
 * `endOfNextMonth` the last day of the following month. Dates are calendar dates, with no time zone.
 * Throws a RangeError for a date that does not exist.
 *
 * @example
 * computeDueDate('2026-01-31', 'net30'); // '2026-03-02'
 * computeDueDate('2026-01-31', 'endOfNextMonth'); // '2026-02-28'
 */
export function computeDueDate(issueDate: string, terms: PaymentTerms): string {
  const { year, month, day } = parseDate(issueDate);
  const days = netDays[terms];
  if (days !== undefined) return formatDate(Date.UTC(year, month - 1, day) + days * DAY_MS);
  // Day 0 of a month is the last day of the month before it.
  const monthsAhead = terms === 'endOfMonth' ? 1 : 2;
  return formatDate(Date.UTC(year, month - 1 + monthsAhead, 0));
}

function parseDate(text: string): { year: number; month: number; day: number } {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  const [year, month, day] = (match ?? []).slice(1).map(Number) as [number, number, number];
  if (match === null || formatDate(Date.UTC(year, month - 1, day)) !== text) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  }
  return { year, month, day };
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
