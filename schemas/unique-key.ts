/**
 * A business key no two records of a type may share: a product's sku, a stock item's product and
 * warehouse, an order's one live invoice. Declared in the entity schemas (`x-unique` on a field,
 * `x-unique-keys` at the root) and enforced by the repository for API and workflow writes alike.
 * Browser-safe: the editor reads it too.
 */
export interface UniqueKey {
  /** Top-level fields whose values together are unique. */
  fields: readonly string[];
  /**
   * The key binds only records that match every condition (a partial unique key): `status` not
   * `cancelled` lets a cancelled invoice give way to a new one for the same order.
   */
  when?: Readonly<Record<string, KeyCondition>>;
  /** Text values compare trimmed and lower-cased: `Ada@Example.com` and `ada@example.com` are one key. */
  caseInsensitive?: boolean;
}

/** One field's condition in a partial unique key. */
export interface KeyCondition {
  eq?: unknown;
  ne?: unknown;
  in?: readonly unknown[];
  nin?: readonly unknown[];
}

/** The annotation form: a plain list of fields, or a key with conditions. */
export type UniqueKeyAnnotation = readonly string[] | UniqueKey;

/** The key an annotation declares. */
export function uniqueKeyOf(annotation: UniqueKeyAnnotation): UniqueKey {
  return isFieldList(annotation) ? { fields: [...annotation] } : annotation;
}

function isFieldList(annotation: UniqueKeyAnnotation): annotation is readonly string[] {
  return Array.isArray(annotation);
}

/**
 * The values by which `record` holds `key`, normalised, or undefined when the key does not bind it
 * (a field is missing, or a `when` condition fails).
 *
 * @example
 * keyValues({ fields: ['salesOrderId'], when: { status: { ne: 'cancelled' } } }, { salesOrderId: 'so-1', status: 'draft' });
 * // ['so-1']
 */
export function keyValues(key: UniqueKey, record: Readonly<Record<string, unknown>>): unknown[] | undefined {
  for (const [field, condition] of Object.entries(key.when ?? {})) {
    if (!meets(record[field], condition)) return undefined;
  }
  const values: unknown[] = [];
  for (const field of key.fields) {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    values.push(key.caseInsensitive === true && typeof value === 'string' ? normalise(value) : value);
  }
  return values;
}

/** The text form of a case-insensitive key value. */
export function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function meets(value: unknown, condition: KeyCondition): boolean {
  if ('eq' in condition && !same(value, condition.eq)) return false;
  if ('ne' in condition && same(value, condition.ne)) return false;
  if (condition.in !== undefined && !condition.in.some((v) => same(value, v))) return false;
  if (condition.nin !== undefined && condition.nin.some((v) => same(value, v))) return false;
  return true;
}

function same(a: unknown, b: unknown): boolean {
  // A missing field equals null, as in a store filter.
  return (a ?? null) === (b ?? null);
}

/** How a key reads in messages: `salesOrderId`, `productId+warehouseId`. */
export function keyName(key: UniqueKey): string {
  return key.fields.join('+');
}
