import type { JsonSchema } from '../../../schemas/json-schema';
import { humanize } from '../../../schemas/words';

// Enum values as words (`pendingApproval` → `Pending approval`), as the server words them too.
export { humanize };

/** How a field's value is shown and edited. Money and rate fields are integers on the wire. */
export type FieldKind = 'money' | 'percent' | 'date' | 'dateTime' | 'enum' | 'ref' | 'boolean' | 'other';

// The schemas mark money by describing it in minor units; computed totals and payment sums are money too.
// A dedicated annotation would be sturdier; this keeps the editor in step with the current schemas.
export function fieldKind(schema: JsonSchema): FieldKind {
  if (schema['x-ref'] !== undefined) return 'ref';
  if (schema.enum !== undefined) return 'enum';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer') {
    const description = schema.description ?? '';
    if (description.includes('basis points')) return 'percent';
    if (
      description.includes('minor units') ||
      schema['x-computed'] === 'totals' ||
      schema['x-computed'] === 'payments'
    )
      return 'money';
  }
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'dateTime';
  return 'other';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(currency, format);
  }
  return format;
}

/** How many minor units make a major unit: 100 for EUR, 1 for JPY. */
export function minorUnitFactor(currency: string): number {
  return 10 ** (moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2);
}

/**
 * Formats integer minor units in the user's locale.
 *
 * @example
 * formatMoney(123450, 'EUR'); // '€1,234.50' in en-US
 */
export function formatMoney(minor: number, currency: string): string {
  return moneyFormat(currency).format(minor / minorUnitFactor(currency));
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });

/** Formats basis points as a percentage: 1950 → '19.5%'. */
export function formatBasisPoints(bp: number): string {
  return percentFormat.format(bp / 10000);
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A timestamp for people: the date and time in their locale and time zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** Any JSON value as text, without '[object Object]'. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Shows a scalar field value as text; references are resolved to titles by the caller. */
export function formatValue(schema: JsonSchema, value: unknown, currency: string | undefined): string {
  if (value === undefined || value === null || value === '') return '—';
  switch (fieldKind(schema)) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value, currency ?? 'EUR') : toText(value);
    case 'percent':
      return typeof value === 'number' ? formatBasisPoints(value) : toText(value);
    case 'enum':
      return humanize(toText(value));
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'date':
      return dateFormat.format(new Date(toText(value)));
    case 'dateTime':
      return formatDateTime(toText(value));
    default:
      return toText(value);
  }
}

/** "Opportunity" → "Opportunities", "Sales order" → "Sales orders". */
export function plural(label: string): string {
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(label)) return `${label}es`;
  return `${label}s`;
}
