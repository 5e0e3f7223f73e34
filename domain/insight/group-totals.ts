import type { Collection, Db, Document, Filter } from 'mongodb';
import type { EntityType } from '../../schemas';
import { entityCollection, type StoredEntity } from '../entities';

/** The most groups one aggregation returns: every dashboard key (a day, a stage, a supplier) stays far below. */
export const maxGroups = 2000;

/** One group of an aggregation: the values of its key fields and its total. */
export interface Group {
  key: Record<string, unknown>;
  value: number;
}

/**
 * Counts (`sum` = `'count'`), or sums one integer field over, the unarchived records of a type that match, grouped by
 * the given fields (`{ day: 'issueDate' }`), or all together when `by` is empty. Each aggregation
 * has one accumulator only: FerretDB v1 returned a wrong `$sum` for a second one (see
 * domain/erp/open-balance.ts), so a count and a sum of the same records are two aggregations.
 * The store does the work (`$match` and `$group` only); the answer is bounded by {@link maxGroups}.
 *
 * @example
 * await groupTotals(db, 'invoice', { status: 'issued' }, { day: 'dueDate' }, 'total');
 * // [{ key: { day: '2026-03-01' }, value: 23800 }, …]
 */
export async function groupTotals(
  db: Db,
  type: EntityType,
  match: Filter<StoredEntity>,
  by: Record<string, string>,
  sum: string,
): Promise<Group[]> {
  return groupCollection(entityCollection(db, type), { ...match, archived: false }, by, sum);
}

/** {@link groupTotals} over any collection (tasks, for one), with no archived flag. */
export async function groupCollection<T extends Document>(
  collection: Collection<T>,
  match: Filter<T>,
  by: Record<string, string>,
  sum: string,
): Promise<Group[]> {
  const id = Object.keys(by).length === 0 ? null : mapValues(by, (field) => `$${field}`);
  const pipeline: Document[] = [
    { $match: match },
    { $group: { _id: id, value: { $sum: sum === 'count' ? 1 : `$${sum}` } } },
    { $limit: maxGroups },
  ];
  const groups = await collection
    .aggregate<{ _id: Record<string, unknown> | null; value: unknown }>(pipeline)
    .toArray();
  return groups.map((group) => ({
    key: mapValues(by, (_, name) => group._id?.[name] ?? null),
    value: Number(group.value ?? 0),
  }));
}

/** The one total of an ungrouped {@link groupTotals}; zero when nothing matched. */
export async function total(
  db: Db,
  type: EntityType,
  match: Filter<StoredEntity>,
  sum: string,
): Promise<number> {
  const [group] = await groupTotals(db, type, match, {}, sum);
  return group?.value ?? 0;
}

function mapValues<T>(
  record: Record<string, string>,
  fn: (value: string, key: string) => T,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value, key)]));
}
