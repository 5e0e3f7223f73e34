import type { Db } from 'mongodb';
import { applyStockMovement, planStockMovement, type StockMovement } from '../rules';
import { commitVersion } from './commit-version';
import { entityCollection, toRecord, type EntityRecord } from './entity-document';
import { EntityNotFoundError, InvariantError } from './entity-errors';
import type { EntityRepository } from './entity-repository';
import { readHead } from './projection';
import { backoff } from './store-retry';
import type { WriteContext } from './write-context';

const maxAttempts = 500;

/**
 * The id of the live (unarchived) stock item of a product in a warehouse, or undefined when the
 * product has none there.
 *
 * @example
 * await findStockItemId(db, 'p1', 'w1'); // 's1'
 */
export async function findStockItemId(
  db: Db,
  productId: string,
  warehouseId: string,
): Promise<string | undefined> {
  const item = await entityCollection(db, 'stockItem').findOne(
    { productId, warehouseId, archived: false },
    { projection: { _id: 1 } },
  );
  return item?._id;
}

/**
 * Moves stock of one stock item: reserve, release, receive, ship or adjust. The movement is checked
 * on the item's head version (e.g. `available >= quantity` for a reservation) and committed as the
 * next version (see `commitVersion`): exactly one writer commits each version, so racing
 * reservations can never both take the last units and `available` never goes negative. A lost race
 * re-reads and re-checks; a check that fails on fresh data is a 422 naming what is left. With an
 * idempotency key a retried movement applies once. The change event carries the exact before and
 * after quantities.
 *
 * @example
 * await moveStock(repo, stockItemId, 'reserve', 5, { actor: { userId: 'u1' }, idempotencyKey: 'wf-1/reserve/1' });
 */
export async function moveStock(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  stockItemId: string,
  movement: StockMovement,
  quantity: number,
  ctx: WriteContext,
  now: () => Date = () => new Date(),
): Promise<EntityRecord> {
  const planned = planStockMovement(movement, quantity);
  if (!planned.ok)
    throw new InvariantError(planned.error.message, [{ path: 'quantity', message: planned.error.message }]);
  await repo.get('stockItem', stockItemId); // ensures the collection's indexes exist
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const stored = await readHead(repo.db, 'stockItem', stockItemId);
    if (stored === undefined) throw new EntityNotFoundError(`stockItem ${stockItemId} does not exist`);
    if (ctx.idempotencyKey !== undefined && stored._applied?.includes(ctx.idempotencyKey))
      return toRecord(stored);
    if (stored.archived)
      throw new InvariantError(`stockItem ${stockItemId} is archived`, [
        { path: 'stockItemId', message: 'is archived' },
      ]);
    const applied = applyStockMovement(
      { onHand: Number(stored.onHand), reserved: Number(stored.reserved) },
      movement,
      quantity,
    );
    if (!applied.ok) {
      throw new InvariantError(applied.error.message, [{ path: 'quantity', message: applied.error.message }]);
    }
    const result = await commitVersion({
      db: repo.db,
      type: 'stockItem',
      id: stockItemId,
      previous: stored,
      next: { ...toRecord(stored), ...applied.levels },
      event: 'updated',
      ctx,
      at: now(),
    });
    if (result.status === 'committed') return toRecord(result.record);
    if (result.status === 'unchanged') return toRecord(stored);
    if (ctx.idempotencyKey !== undefined && result.existing.idem === ctx.idempotencyKey)
      return toRecord(result.existing.record);
    await backoff(attempt);
  }
  throw new Error(`stockItem ${stockItemId}: gave up after ${maxAttempts} concurrent movements`);
}

/** Promises `quantity` units to an order; 422 when fewer are available. */
export function reserveStock(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  stockItemId: string,
  quantity: number,
  ctx: WriteContext,
) {
  return moveStock(repo, stockItemId, 'reserve', quantity, ctx);
}

/** Gives a reservation back (a cancelled order, a compensation); 422 when less is reserved. */
export function releaseStock(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  stockItemId: string,
  quantity: number,
  ctx: WriteContext,
) {
  return moveStock(repo, stockItemId, 'release', quantity, ctx);
}

/** Books arriving goods onto `onHand`. */
export function receiveStock(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  stockItemId: string,
  quantity: number,
  ctx: WriteContext,
) {
  return moveStock(repo, stockItemId, 'receive', quantity, ctx);
}

/** Books reserved goods leaving the warehouse: both `onHand` and `reserved` go down. */
export function shipStock(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  stockItemId: string,
  quantity: number,
  ctx: WriteContext,
) {
  return moveStock(repo, stockItemId, 'ship', quantity, ctx);
}
