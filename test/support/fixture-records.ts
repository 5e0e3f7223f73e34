import type { EntityRecord, EntityRepository, WriteContext } from '../../domain/entities';
import type { EntityType } from '../../schemas';

/** Creates a record of `type` through the repository as `context`'s actor and returns the record. */
export type RecordMaker = (type: EntityType, data: Record<string, unknown>) => Promise<EntityRecord>;

/**
 * A record maker for fixtures, which seed master data straight into the store.
 *
 * @example
 * const create = recordMaker(repo, { actor: { userId: 'setup' } });
 * const warehouse = await create('warehouse', { code: 'WH-1', name: 'Main' });
 */
export function recordMaker(repo: EntityRepository, context: WriteContext): RecordMaker {
  return async (type, data) => (await repo.create(type, data, context)).record;
}

/**
 * A product as the fixtures price it: EUR, 19% tax, a standard cost of 60% of the unit price, and
 * `supplier` as its preferred supplier; `extra` adds or overrides fields (a type, a warehouse).
 */
export function productData(
  product: { sku: string; name: string; unitPrice: number },
  supplier: EntityRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...product,
    standardCost: Math.round(product.unitPrice * 0.6),
    currency: 'EUR',
    taxRateBp: 1900,
    preferredSupplierId: supplier._id,
    ...extra,
  };
}
