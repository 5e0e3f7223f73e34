import type { Db } from 'mongodb';
import { applyStockMovement, planStockMovement, type StockMovement } from '../rules';
import { backoff, commitVersion } from './commit-version';
import { entityCollection, toRecord, type EntityRecord } from './entity-document';
import { EntityNotFoundError, InvariantError } from './entity-errors';
import type { EntityRepository } from './entity-repository';
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
 * Moves stock of one stock item: reserve, release, receive, ship or adjust. The write is a single
 * conditional replace that matches only the version it read AND the movement's guard (e.g.
 * `available >= quantity` for a reservation), so racing reservations can never both take the last
 * units and `available` never goes negative. A lost race re-reads and re-checks; a guard that fails on
 * fresh data is a 422 naming what is left. With an idempotency key a retried movement applies once.
 *
 * A version-matched replace is used instead of a bare `$inc` so the change event in the same write can
 * carry the exact before and after quantities.
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
  const collection = entityCollection(repo.db, 'stockItem');
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const stored = await collection.findOne({ _id: stockItemId });
    if (stored === null) throw new EntityNotFoundError(`stockItem ${stockItemId} does not exist`);
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
    const guard = planned.plan.guard;
    const written = await commitVersion(collection, {
      db: repo.db,
      type: 'stockItem',
      stored,
      next: { ...toRecord(stored), ...applied.levels },
      event: 'updated',
      ctx,
      at: now().toISOString(),
      ...(guard === undefined ? {} : { guard: { [guard.field]: { $gte: guard.min } } }),
    });
    if (written !== null && written !== undefined) return toRecord(written);
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
