import type { DashboardSection } from './sections';

/**
 * Where a figure drills through to: an editor path whose query is the same filter the figure was
 * computed with, e.g. `/entities/invoice?status[in]=issued,partiallyPaid&dueDate[lt]=2026-03-01`.
 */
export type DrillLink = string;

/** How a number is read: a count, money in minor units of the section's currency, days, or basis points. */
export type FigureUnit = 'count' | 'money' | 'days' | 'hours' | 'bp';

/** One number with its label, e.g. "Quotes waiting for approval: 3". */
export interface StatWidget {
  kind: 'stat';
  id: string;
  title: string;
  unit: FigureUnit;
  /** Null when the figure is undefined, e.g. a win rate with no closed deals. */
  value: number | null;
  /** A second figure beside the first, e.g. the value of the quotes counted. */
  secondary?: { label: string; unit: FigureUnit; value: number };
  note?: string;
  link?: DrillLink;
}

/** A category axis with one or more series of numbers, drawn as bars or a line. */
export interface ChartWidget {
  kind: 'chart';
  id: string;
  title: string;
  chart: 'bar' | 'line';
  /** Series drawn on top of each other per category (e.g. run statuses per day). */
  stacked?: boolean;
  unit: FigureUnit;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  /** The list behind each category, in category order. */
  links?: Array<DrillLink | null>;
  note?: string;
}

export type Widget = StatWidget | ChartWidget;

/** What `GET /api/dashboards/:section` answers. */
export interface SectionView {
  section: DashboardSection;
  /** The currency money figures are in; other currencies are left out of them. */
  currency: string;
  /** The day figures are computed for (`YYYY-MM-DD`, UTC) and when. */
  asOf: string;
  computedAt: string;
  widgets: Widget[];
}

/**
 * An entity list path with its filter, as the editor's list page and `GET /api/entities/:type` read it.
 *
 * @example
 * entityLink('quote', { status: 'pendingApproval' }); // '/entities/quote?status=pendingApproval'
 */
export function entityLink(type: string, filter: Record<string, string>): DrillLink {
  const query = Object.entries(filter)
    .map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2C/g, ',')}`)
    .join('&');
  return query === '' ? `/entities/${type}` : `/entities/${type}?${query}`;
}
