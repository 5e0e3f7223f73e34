import type { Ticket } from '../../schemas/types/index.generated';
import { entityCollection } from '../entities';
import { addDays } from './calendar';
import { groupTotals, maxGroups, total } from './group-totals';
import type { InsightContext } from './insight-context';
import { entityLink, type Widget } from './widgets';

const openTicketStatuses = ['new', 'open', 'pending'];
const priorities: Array<Ticket['priority']> = ['urgent', 'high', 'normal', 'low'];
/** The role tickets escalate to when their first response is late (the support template's default). */
const escalationRole = 'supportLead';
/** Resolutions measured for time to resolution. */
const resolutionWindowDays = 30;

/**
 * The support section: open tickets by priority, SLA breaches (open tickets past their resolution
 * due time), time to resolution over the last 30 days, and escalations (open tickets reassigned to
 * the support lead).
 */
export async function supportSection({ db, now, today }: InsightContext): Promise<Widget[]> {
  const open = { status: { $in: openTicketStatuses } };
  const nowIso = now.toISOString();
  const since = `${addDays(today, -(resolutionWindowDays - 1))}T00:00:00.000Z`;
  const [byPriority, breaches, escalations, resolved] = await Promise.all([
    groupTotals(db, 'ticket', open, { priority: 'priority' }, 'count'),
    total(db, 'ticket', { ...open, resolutionDueAt: { $lt: nowIso } }, 'count'),
    total(db, 'ticket', { ...open, assigneeRole: escalationRole }, 'count'),
    // Bounded: the most recent resolutions only, their three timestamps each.
    entityCollection(db, 'ticket')
      .find(
        { archived: false, resolvedAt: { $gte: since } },
        { projection: { createdAt: 1, resolvedAt: 1, resolutionDueAt: 1 } },
      )
      .sort({ resolvedAt: -1 })
      .limit(maxGroups)
      .toArray(),
  ]);
  const hours = resolved.map(
    (ticket) => (Date.parse(String(ticket.resolvedAt)) - Date.parse(String(ticket.createdAt))) / 3_600_000,
  );
  const late = resolved.filter(
    (ticket) =>
      typeof ticket.resolutionDueAt === 'string' && String(ticket.resolvedAt) > ticket.resolutionDueAt,
  ).length;
  const statusFilter = { 'status[in]': openTicketStatuses.join(',') };
  return [
    {
      kind: 'chart',
      id: 'openByPriority',
      title: 'Open tickets by priority',
      chart: 'bar',
      unit: 'count',
      categories: priorities,
      series: [
        {
          name: 'Open tickets',
          values: priorities.map((p) => byPriority.find((group) => group.key.priority === p)?.value ?? 0),
        },
      ],
      links: priorities.map((priority) => entityLink('ticket', { ...statusFilter, priority })),
    },
    {
      kind: 'stat',
      id: 'slaBreaches',
      title: 'SLA breaches',
      unit: 'count',
      value: breaches,
      secondary: { label: `resolved late, last ${resolutionWindowDays} days`, unit: 'count', value: late },
      note: 'Open tickets past their resolution due time',
      link: entityLink('ticket', { ...statusFilter, 'resolutionDueAt[lt]': nowIso }),
    },
    {
      kind: 'stat',
      id: 'timeToResolution',
      title: 'Average time to resolution',
      unit: 'hours',
      value:
        hours.length === 0 ? null : Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10,
      secondary: {
        label: `resolved, last ${resolutionWindowDays} days`,
        unit: 'count',
        value: resolved.length,
      },
      link: entityLink('ticket', { 'status[in]': 'resolved,closed', sort: '-updatedAt' }),
    },
    {
      kind: 'stat',
      id: 'escalations',
      title: 'Escalations',
      unit: 'count',
      value: escalations,
      note: 'Open tickets escalated to the support lead',
      link: entityLink('ticket', { ...statusFilter, assigneeRole: escalationRole }),
    },
  ];
}
