import type { EntityType } from '../../schemas';
import { entityCollection, type StoredEntity } from './entity-document';
import { DuplicateKeyError, InvariantError } from './entity-errors';
import type { EntityRepository } from './entity-repository';
import { findStockItemId, receiveStock, shipStock } from './stock-movements';
import { consumeOrderReservations } from './stock-reservations';
import { derivedWrite, type WriteContext } from './write-context';

type Doc = Record<string, unknown>;

/** What posts stock: a goods receipt entering `posted`, a shipment entering `shipped`. */
const postingStatus: Partial<Record<EntityType, string>> = { goodsReceipt: 'posted', shipment: 'shipped' };

/**
 * Books the stock a document's new status means, before the document is written: a goods receipt
 * that becomes `posted` puts its accepted quantities (received − rejected) on hand in its warehouse,
 * creating the stock item on a product's first receipt there; a shipment that becomes `shipped` takes
 * its quantities out of the warehouse (on hand and reserved) and uses up its sales order's
 * reservations. Every movement carries a key derived from the document and line, so a write retried
 * after a crash, or a racing second post, moves the stock once; a shipment of goods that are not
 * reserved fails with a 422 and the document keeps its status.
 *
 * @example
 * await postStock(repo, 'goodsReceipt', 'grn-1', before, next, ctx); // receives each accepted line
 */
export async function postStock(
  repo: Pick<EntityRepository, 'db' | 'get' | 'create'>,
  type: EntityType,
  id: string,
  before: StoredEntity | undefined,
  next: Doc,
  ctx: WriteContext,
): Promise<void> {
  const status = postingStatus[type];
  if (status === undefined || next.status !== status || before?.status === status) return;
  const warehouseId = next.warehouseId;
  if (typeof warehouseId !== 'string') {
    const message = `is needed to ${type === 'shipment' ? 'ship' : 'post'} stock`;
    throw new InvariantError(`a ${type} without a warehouse cannot become ${status}`, [
      { path: 'warehouseId', message },
    ]);
  }
  const lines = (next.lines ?? []) as {
    productId: string;
    quantity?: number;
    receivedQuantity?: number;
    rejectedQuantity?: number;
  }[];
  const keyed = (step: string, index: number): WriteContext =>
    derivedWrite(ctx, `${type}/${id}/${step}/${index}`);
  for (const [index, line] of lines.entries()) {
    if (type === 'goodsReceipt') {
      const accepted = (line.receivedQuantity ?? 0) - (line.rejectedQuantity ?? 0);
      if (accepted <= 0) continue;
      const item = await stockItemFor(repo, line.productId, warehouseId, ctx);
      await receiveStock(repo, item, accepted, keyed('receive', index));
    } else {
      const quantity = line.quantity ?? 0;
      const item = await findStockItemId(repo.db, line.productId, warehouseId);
      if (item === undefined) {
        const message = `product ${line.productId} has no stock in warehouse ${warehouseId}`;
        throw new InvariantError(message, [
          { path: `lines.${index}.productId`, message: 'has no stock here' },
        ]);
      }
      await shipStock(repo, item, quantity, keyed('ship', index));
      if (typeof next.salesOrderId === 'string') {
        await consumeOrderReservations(
          repo.db,
          { salesOrderId: next.salesOrderId, productId: line.productId, warehouseId, quantity },
          `${type}/${id}/${index}`,
        );
      }
    }
  }
}

/** The stock item of a product in a warehouse, created empty on the product's first receipt there. */
async function stockItemFor(
  repo: Pick<EntityRepository, 'db' | 'create'>,
  productId: string,
  warehouseId: string,
  ctx: WriteContext,
): Promise<string> {
  const found = await findStockItemId(repo.db, productId, warehouseId);
  if (found !== undefined) return found;
  try {
    const { record } = await repo.create(
      'stockItem',
      { productId, warehouseId, onHand: 0 },
      derivedWrite(ctx, `stockItem/${productId}/${warehouseId}`),
    );
    return record._id;
  } catch (error: unknown) {
    // Another receipt created it meanwhile.
    if (!(error instanceof DuplicateKeyError)) throw error;
    const raced = await entityCollection(repo.db, 'stockItem').findOne(
      { productId, warehouseId },
      { projection: { _id: 1 } },
    );
    if (raced === null) throw error;
    return raced._id;
  }
}
