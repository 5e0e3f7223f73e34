import { followUpOf } from './follow-up-records';
import { resolveLocalRef, systemFieldNames, type EntitySchema, type JsonSchema } from './json-schema';

const systemFields = new Set<string>(systemFieldNames);
const scalarTypes = new Set(['string', 'integer', 'number', 'boolean']);

/** A record and its schema, as the context a new record is created from. */
export interface PrefillSource {
  type: string;
  schema: EntitySchema;
  record: Readonly<Record<string, unknown>>;
}

/**
 * The values a new record of `target` starts with when it is created from another record: every
 * field that references the source's type gets its id; every field of the same name and kind as one
 * of the source's (the same type and reference, pattern, format or enum: an account, a currency; never a status)
 * gets its value; then the fields the follow-up table declares (a payment's amount is the invoice's
 * amount due). Free text is never carried over, nor read-only fields of the new record.
 *
 * @example
 * prefillFrom(paymentSchema, { type: 'invoice', schema: invoiceSchema, record: invoice });
 * // { invoiceId: 'inv1', accountId: 'acc1', currency: 'EUR', amount: 119000 }
 */
export function prefillFrom(target: EntitySchema, source: PrefillSource): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(target.properties)) {
    const field = resolveLocalRef(target, raw);
    if (systemFields.has(name) || field.readOnly === true) continue;
    if (field['x-ref'] === source.type && typeof source.record._id === 'string') {
      values[name] = source.record._id;
      continue;
    }
    const sourceRaw = source.schema.properties[name];
    const value = source.record[name];
    if (sourceRaw === undefined || value === undefined) continue;
    if (sameKind(field, resolveLocalRef(source.schema, sourceRaw), value)) values[name] = value;
  }
  const followUp = followUpOf(source.type, target['x-entity']);
  for (const [name, from] of Object.entries(followUp?.prefill ?? {})) {
    const value = source.record[from];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** Whether a value of `source` means the same in `target`: the same typed scalar, not free text. */
function sameKind(target: JsonSchema, source: JsonSchema, value: unknown): boolean {
  if (target.type === undefined || !scalarTypes.has(target.type) || target.type !== source.type) return false;
  const typed =
    target['x-ref'] !== undefined ||
    target.pattern !== undefined ||
    target.format !== undefined ||
    target.enum !== undefined;
  if (!typed) return false;
  if (target['x-ref'] !== source['x-ref'] || target.pattern !== source.pattern) return false;
  if (target.format !== source.format) return false;
  // A status belongs to its own record's life: a new record starts in its own initial one.
  if (target['x-transitions'] !== undefined) return false;
  return target.enum === undefined || sameValues(target.enum, source.enum ?? [], value);
}

function sameValues(target: readonly string[], source: readonly string[], value: unknown): boolean {
  return (
    typeof value === 'string' &&
    target.length === source.length &&
    target.every((item) => source.includes(item)) &&
    target.includes(value)
  );
}
