import { openInvoiceStatuses } from '../erp/open-balance';
import { ageingBucket, ageingBuckets, daysSalesOutstanding } from './ageing';
import { addDays, daysBetween } from './calendar';
import { groupTotals } from './group-totals';
import type { InsightContext } from './insight-context';
import { chartMonths, monthlyChart } from './month-series';
import { entityLink, type Widget } from './widgets';

/** Invoices that count as revenue: issued and on, not drafts or cancelled ones. */
const invoicedStatuses = [...openInvoiceStatuses, 'paid'];
/** The period days sales outstanding is measured over. */
export const dsoPeriodDays = 90;

/**
 * The finance section. What is owed follows the open-balance rule of domain/erp/open-balance.ts
 * (Σ total − amountPaid over issued and partially paid invoices), aged by whole days past the due
 * date; an invoice with no due date is current.
 */
export async function financeSection({ db, currency, today }: InsightContext): Promise<Widget[]> {
  const open = { status: { $in: [...openInvoiceStatuses] }, currency };
  const { firstDay } = chartMonths(today);
  const periodStart = addDays(today, -(dsoPeriodDays - 1));
  const paymentsFrom = addDays(today, -29);
  const invoiced = { status: { $in: invoicedStatuses }, currency };
  const received = {
    status: 'received',
    currency,
    receivedAt: { $gte: `${paymentsFrom}T00:00:00.000Z` },
  };
  const [totals, paid, counts, byIssueDay, periodInvoiced, paymentCount, paymentSum] = await Promise.all([
    groupTotals(db, 'invoice', open, { day: 'dueDate' }, 'total'),
    groupTotals(db, 'invoice', open, { day: 'dueDate' }, 'amountPaid'),
    groupTotals(db, 'invoice', open, { day: 'dueDate' }, 'count'),
    groupTotals(
      db,
      'invoice',
      { ...invoiced, issueDate: { $gte: firstDay, $lte: today } },
      { day: 'issueDate' },
      'total',
    ),
    groupTotals(db, 'invoice', { ...invoiced, issueDate: { $gte: periodStart, $lte: today } }, {}, 'total'),
    groupTotals(db, 'payment', received, {}, 'count'),
    groupTotals(db, 'payment', received, {}, 'amount'),
  ]);

  const owed = new Map<string, number>();
  const overdue = { count: 0, amount: 0 };
  const bucketOf = (day: unknown) =>
    typeof day === 'string' ? ageingBucket(daysBetween(day, today)) : 'current';
  const add = (bucket: string, amount: number) => owed.set(bucket, (owed.get(bucket) ?? 0) + amount);
  for (const group of totals) add(bucketOf(group.key.day), group.value);
  for (const group of paid) add(bucketOf(group.key.day), -group.value);
  for (const group of counts) if (bucketOf(group.key.day) !== 'current') overdue.count += group.value;
  for (const bucket of ageingBuckets) if (bucket.id !== 'current') overdue.amount += owed.get(bucket.id) ?? 0;
  const receivable = ageingBuckets.reduce((sum, bucket) => sum + (owed.get(bucket.id) ?? 0), 0);

  const invoicedInPeriod = periodInvoiced[0]?.value ?? 0;
  const openFilter = { 'status[in]': openInvoiceStatuses.join(','), currency };
  const dueBetween = (from: number, to: number) => ({
    ...openFilter,
    ...(Number.isFinite(to) ? { 'dueDate[gte]': addDays(today, -to) } : {}),
    ...(Number.isFinite(from) ? { 'dueDate[lte]': addDays(today, -from) } : {}),
  });
  return [
    monthlyChart({
      id: 'revenueByMonth',
      title: 'Revenue invoiced by month',
      seriesName: 'Invoiced',
      note: 'Issued, partially paid and paid invoices, by issue date',
      type: 'invoice',
      dateField: 'issueDate',
      filter: { 'status[in]': invoicedStatuses.join(','), currency },
      today,
      groups: byIssueDay,
    }),
    {
      kind: 'chart',
      id: 'ageing',
      title: 'Accounts receivable ageing',
      chart: 'bar',
      unit: 'money',
      categories: ageingBuckets.map((bucket) => bucket.label),
      series: [{ name: 'Owed', values: ageingBuckets.map((bucket) => owed.get(bucket.id) ?? 0) }],
      links: ageingBuckets.map((bucket) =>
        // Current starts today; days past due count back from today.
        bucket.id === 'current'
          ? entityLink('invoice', { ...openFilter, 'dueDate[gte]': today })
          : entityLink('invoice', dueBetween(bucket.from, bucket.to)),
      ),
      note: 'By whole days past the due date',
    },
    {
      kind: 'stat',
      id: 'receivable',
      title: 'Accounts receivable',
      unit: 'money',
      value: receivable,
      link: entityLink('invoice', openFilter),
    },
    {
      kind: 'stat',
      id: 'dso',
      title: 'Days sales outstanding',
      unit: 'days',
      value: daysSalesOutstanding(receivable, invoicedInPeriod, dsoPeriodDays),
      note: `Receivable over the last ${dsoPeriodDays} days' invoicing, times ${dsoPeriodDays}`,
      link: entityLink('invoice', {
        'status[in]': invoicedStatuses.join(','),
        currency,
        'issueDate[gte]': periodStart,
        'issueDate[lte]': today,
      }),
    },
    {
      kind: 'stat',
      id: 'pastDue',
      title: 'Unpaid invoices past due',
      unit: 'count',
      value: overdue.count,
      secondary: { label: 'owed', unit: 'money', value: overdue.amount },
      link: entityLink('invoice', { ...openFilter, 'dueDate[lt]': today }),
    },
    {
      kind: 'stat',
      id: 'paymentsReceived',
      title: 'Payments received, last 30 days',
      unit: 'money',
      value: paymentSum[0]?.value ?? 0,
      secondary: { label: 'payments', unit: 'count', value: paymentCount[0]?.value ?? 0 },
      link: entityLink('payment', {
        status: 'received',
        currency,
        'receivedAt[gte]': `${paymentsFrom}T00:00:00.000Z`,
      }),
    },
  ];
}
