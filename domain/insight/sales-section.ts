import type { Widget } from './widgets';
import { entityLink } from './widgets';
import { groupTotals, total } from './group-totals';
import type { InsightContext } from './insight-context';
import { chartMonths, monthlyChart } from './month-series';
import { openStages, weightedValue, winRateBp } from './pipeline-value';

/** Order statuses that count as booked: confirmed and on, not drafts or cancelled orders. */
const bookedStatuses = ['confirmed', 'partiallyShipped', 'shipped', 'completed'];

/**
 * The sales section: the open pipeline by stage (count, value and weighted value), the win rate
 * over every closed deal, quotes waiting for approval and bookings by order month.
 */
export async function salesSection({ db, currency, today }: InsightContext): Promise<Widget[]> {
  const open = { stage: { $in: [...openStages] }, currency };
  const { firstDay } = chartMonths(today);
  const [stageCounts, stageAmounts, closed, waiting, waitingValue, bookings] = await Promise.all([
    groupTotals(db, 'opportunity', open, { stage: 'stage' }, 'count'),
    groupTotals(db, 'opportunity', open, { stage: 'stage', probabilityBp: 'probabilityBp' }, 'amount'),
    groupTotals(
      db,
      'opportunity',
      { stage: { $in: ['closedWon', 'closedLost'] }, currency },
      { stage: 'stage' },
      'count',
    ),
    total(db, 'quote', { status: 'pendingApproval', currency }, 'count'),
    total(db, 'quote', { status: 'pendingApproval', currency }, 'total'),
    groupTotals(
      db,
      'salesOrder',
      { status: { $in: bookedStatuses }, currency, orderDate: { $gte: firstDay, $lte: today } },
      { day: 'orderDate' },
      'total',
    ),
  ]);
  const count = (stage: string) => stageCounts.find((group) => group.key.stage === stage)?.value ?? 0;
  const amountOf = (stage: string) =>
    stageAmounts.filter((group) => group.key.stage === stage).reduce((sum, group) => sum + group.value, 0);
  const weightedOf = (stage: (typeof openStages)[number]) =>
    stageAmounts
      .filter((group) => group.key.stage === stage)
      .reduce((sum, group) => {
        const bp = group.key.probabilityBp;
        return sum + weightedValue(group.value, stage, typeof bp === 'number' ? bp : null);
      }, 0);
  const closedCount = (stage: string) => closed.find((group) => group.key.stage === stage)?.value ?? 0;
  const weightedTotal = openStages.reduce((sum, stage) => sum + weightedOf(stage), 0);
  return [
    {
      kind: 'chart',
      id: 'pipeline',
      title: 'Pipeline by stage',
      chart: 'bar',
      unit: 'money',
      categories: [...openStages],
      series: [
        { name: 'Value', values: openStages.map(amountOf) },
        { name: 'Weighted value', values: openStages.map(weightedOf) },
      ],
      links: openStages.map((stage) => entityLink('opportunity', { stage, currency })),
      note: `${openStages.reduce((sum, stage) => sum + count(stage), 0)} open deals (${openStages
        .map((stage) => `${stage} ${count(stage)}`)
        .join(', ')}); weighted by each deal's probability, else its stage's`,
    },
    {
      kind: 'stat',
      id: 'weightedPipeline',
      title: 'Weighted pipeline',
      unit: 'money',
      value: weightedTotal,
      secondary: {
        label: 'open deals',
        unit: 'count',
        value: openStages.reduce((sum, s) => sum + count(s), 0),
      },
      link: entityLink('opportunity', { 'stage[in]': openStages.join(','), currency }),
    },
    {
      kind: 'stat',
      id: 'winRate',
      title: 'Win rate',
      unit: 'bp',
      value: winRateBp(closedCount('closedWon'), closedCount('closedLost')),
      note: `${closedCount('closedWon')} won, ${closedCount('closedLost')} lost`,
      link: entityLink('opportunity', { 'stage[in]': 'closedWon,closedLost', currency }),
    },
    {
      kind: 'stat',
      id: 'quotesAwaitingApproval',
      title: 'Quotes waiting for approval',
      unit: 'count',
      value: waiting,
      secondary: { label: 'value', unit: 'money', value: waitingValue },
      link: entityLink('quote', { status: 'pendingApproval', currency }),
    },
    monthlyChart({
      id: 'bookings',
      title: 'Bookings by month',
      seriesName: 'Booked',
      note: 'Confirmed orders and on, by order date',
      type: 'salesOrder',
      dateField: 'orderDate',
      filter: { 'status[in]': bookedStatuses.join(','), currency },
      today,
      groups: bookings,
    }),
  ];
}
