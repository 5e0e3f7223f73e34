import { formatBasisPoints, formatMoney } from '../entities/format';
import type { FigureUnit } from './dashboard-api';

const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/**
 * A figure as a reader sees it: money in the section's currency, basis points as a percentage.
 *
 * @example
 * formatFigure(123450, 'money', 'EUR'); // '€1,234.50' in en-US
 * formatFigure(7500, 'bp', 'EUR'); // '75%'
 */
export function formatFigure(value: number | null, unit: FigureUnit, currency: string): string {
  if (value === null) return '–';
  switch (unit) {
    case 'money':
      return formatMoney(value, currency);
    case 'bp':
      return formatBasisPoints(value);
    case 'days':
      return `${countFormat.format(value)} days`;
    case 'hours':
      return `${countFormat.format(value)} h`;
    case 'count':
      return countFormat.format(value);
  }
}

/** A short axis label: money in whole major units with a compact suffix (€12K). */
export function formatAxis(value: number, unit: FigureUnit, currency: string): string {
  if (unit === 'money') {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(value / 100);
  }
  if (unit === 'bp') return formatBasisPoints(value);
  return countFormat.format(value);
}
