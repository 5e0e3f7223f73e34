/*
 * Cron expressions as `trigger.schedule` accepts them, checked against the grammar Temporal's
 * scheduler parses (service/worker/scheduler/calendar.go), so that a bad expression is refused at
 * publish with the field that is wrong, never later by Temporal:
 *
 * - five fields `minute hour day-of-month month day-of-week`, or six with a leading `second`
 *   (as n8n and node-cron write it) for sub-minute schedules, or one of @yearly, @annually,
 *   @monthly, @weekly, @daily, @midnight, @hourly;
 * - each field a comma list of `*`, `n`, `a-b`, each with an optional `/step`;
 * - month names (jan, february…) and day names (mon, tuesday…); Sunday is 0 or 7.
 *
 * Temporal's own six-field form means `minute … day-of-week year`, so a six-field expression is
 * handed to Temporal as its seven-field form with a year of `*`.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Shortest prefix of a name that counts, as Temporal reads it. */
  minNameLength?: number;
}

const second: CronField = { name: 'second', min: 0, max: 59 };
const minute: CronField = { name: 'minute', min: 0, max: 59 };
const hour: CronField = { name: 'hour', min: 0, max: 23 };
const dayOfMonth: CronField = { name: 'day-of-month', min: 1, max: 31 };
const month: CronField = {
  name: 'month',
  min: 1,
  max: 12,
  // Index + 1 is the month number.
  names: [
    '',
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ],
  minNameLength: 3,
};
const dayOfWeek: CronField = {
  name: 'day-of-week',
  min: 0,
  max: 7,
  names: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
  minNameLength: 2,
};

const fiveFields = [minute, hour, dayOfMonth, month, dayOfWeek];
const sixFields = [second, ...fiveFields];
const macros = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** A checked cron expression: what Temporal is given, or why it is refused. */
export type CronCheck = { ok: true; temporalCron: string } | { ok: false; message: string };

function parseValue(text: string, field: CronField, min: number): number | string {
  const lower = text.toLowerCase();
  if (field.names && field.minNameLength !== undefined && lower.length >= field.minNameLength) {
    const index = field.names.findIndex((name) => name !== '' && name.startsWith(lower));
    if (index >= 0) return index < min ? `${text} comes before the start of its range` : index;
  }
  if (!/^\d{1,4}$/.test(text)) {
    return field.names
      ? `"${text}" is not a number or a ${field.name === 'month' ? 'month' : 'day'} name`
      : `"${text}" is not a number`;
  }
  const value = Number(text);
  if (value < min || value > field.max) {
    return min > field.min
      ? `${value} must be between ${min} and ${field.max} (a range may not run backwards)`
      : `${value} is out of range ${field.min}-${field.max}`;
  }
  return value;
}

/** The problem with one `*`, `n`, `a-b` or `…/step` part, or undefined when it is fine. */
function checkPart(part: string, field: CronField): string | undefined {
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined) return `"${part}" has more than one /`;
  if (step !== undefined && (!/^\d{1,4}$/.test(step) || Number(step) < 1)) {
    return `the step in "${part}" must be a whole number of at least 1`;
  }
  if (range === '*') return undefined;
  if (range === '?') return '? is not supported; use *';
  if (range === '') return `"${part}" is empty`;
  if (/[LW#]/.test(range) && /^[\dLW#]+$/.test(range)) return `"${range}" (L, W, #) is not supported`;
  const bounds = range.split('-');
  if (bounds.length > 2) return `"${range}" is not a range a-b`;
  const start = parseValue(bounds[0] ?? '', field, field.min);
  if (typeof start === 'string') return start;
  if (bounds[1] === undefined) return undefined;
  const end = parseValue(bounds[1], field, start);
  return typeof end === 'string' ? end : undefined;
}

/**
 * Checks a cron expression and returns the form Temporal is given, or the first problem, naming
 * the field.
 *
 * @example
 * checkCron('0 7 * * mon-fri'); // { ok: true, temporalCron: '0 7 * * mon-fri' }
 * checkCron('*\/10 * * * * *'); // { ok: true, temporalCron: '*\/10 * * * * * *' } (every 10 seconds)
 * checkCron('75 * * * *'); // { ok: false, message: 'minute field: 75 is out of range 0-59' }
 */
export function checkCron(expression: string): CronCheck {
  const text = expression.trim();
  if (text.startsWith('@')) {
    return macros.includes(text)
      ? { ok: true, temporalCron: text }
      : { ok: false, message: `${text} is not one of ${macros.join(', ')}` };
  }
  if (/^(CRON_)?TZ=/.test(text)) {
    return { ok: false, message: 'a TZ= prefix is not supported; set the timezone param instead' };
  }
  const values = text.split(/\s+/);
  const fields = values.length === 5 ? fiveFields : values.length === 6 ? sixFields : undefined;
  if (!fields) {
    return {
      ok: false,
      message: `must have 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second; found ${values.length}`,
    };
  }
  for (const [index, field] of fields.entries()) {
    const value = values[index] ?? '';
    for (const part of value.split(',')) {
      const problem = checkPart(part, field);
      if (problem !== undefined) return { ok: false, message: `${field.name} field: ${problem}` };
    }
  }
  return { ok: true, temporalCron: values.length === 6 ? `${values.join(' ')} *` : values.join(' ') };
}
