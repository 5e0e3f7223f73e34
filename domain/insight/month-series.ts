import { lastMonths, monthEnd } from './calendar';
import type { Group } from './group-totals';
import type { ChartWidget } from './widgets';
import { entityLink } from './widgets';

/** The twelve months a monthly chart shows, up to `today`'s, and the first day they cover. */
export function chartMonths(today: string): { months: string[]; firstDay: string } {
  const months = lastMonths(today, 12);
  return { months, firstDay: `${months[0]!}-01` };
}

/**
 * A bar chart of money per month from totals grouped by a `day` key (`YYYY-MM-DD`), each month
 * linked to the list filtered to that month's days of `dateField` (up to `today` for this month).
 *
 * @example
 * monthlyChart({ id: 'bookings', title: 'Bookings by month', seriesName: 'Booked', type: 'salesOrder',
 *   dateField: 'orderDate', filter: { currency: 'EUR' }, today: '2027-01-15', groups });
 */
export function monthlyChart(options: {
  id: string;
  title: string;
  seriesName: string;
  note: string;
  type: string;
  dateField: string;
  filter: Record<string, string>;
  today: string;
  groups: readonly Group[];
}): ChartWidget {
  const { months } = chartMonths(options.today);
  const byMonth = new Map<string, number>();
  for (const group of options.groups) {
    const month = String(group.key.day).slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + group.value);
  }
  return {
    kind: 'chart',
    id: options.id,
    title: options.title,
    chart: 'bar',
    unit: 'money',
    categories: months,
    series: [{ name: options.seriesName, values: months.map((month) => byMonth.get(month) ?? 0) }],
    links: months.map((month) =>
      entityLink(options.type, {
        ...options.filter,
        [`${options.dateField}[gte]`]: `${month}-01`,
        [`${options.dateField}[lte]`]: month === months.at(-1) ? options.today : monthEnd(month),
      }),
    ),
    note: options.note,
  };
}
