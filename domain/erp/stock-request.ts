import type { EntityRecord, EntityRepository, StockLine } from '../entities';
import { refuseCreditHold } from './credit-hold';
import { entityCollection, EntityValidationError, InvariantError } from '../entities';

/** The params of the stock nodes that name what to move: an order's lines, or one product. */
export interface StockRequest {
  orderId?: string;
  productId?: string;
  quantity?: number;
  warehouseId?: string;
}

/** The lines of a request, with the records they came from. */
export interface ResolvedStock {
  lines: StockLine[];
  order?: EntityRecord;
  products: Map<string, EntityRecord>;
}

/** Order statuses whose goods may still be reserved: not yet shipped, completed or cancelled. */
const reservableOrderStatuses = ['draft', 'confirmed'];

/**
 * Turns a stock request into stock lines. An order gives one line per stocked product (services and
 * consumables hold no stock); a product gives one line of `quantity`. Each line's warehouse is, in
 * order: the request's `warehouseId`, the order's, the product's default warehouse, or the only
 * warehouse the product is stocked in.
 *
 * @example
 * await resolveStockLines(repo, { orderId: 'so-1' }, 'reserve');
 * // { lines: [{ productId: 'p1', warehouseId: 'w1', quantity: 2 }], order, products }
 */
export async function resolveStockLines(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  request: StockRequest,
  purpose: 'reserve' | 'release',
): Promise<ResolvedStock> {
  const products = new Map<string, EntityRecord>();
  const productOf = async (id: string) => {
    let product = products.get(id);
    if (product === undefined) {
      product = await repo.get('product', id);
      products.set(id, product);
    }
    return product;
  };
  if (request.orderId !== undefined) {
    const order = await repo.get('salesOrder', request.orderId);
    if (purpose === 'reserve' && !reservableOrderStatuses.includes(String(order.status))) {
      const message = `is ${String(order.status)}; only draft or confirmed orders reserve stock`;
      throw new InvariantError(`sales order ${String(order.number)} ${message}`, [
        { path: 'params.orderId', message },
      ]);
    }
    if (purpose === 'reserve') refuseCreditHold(order, 'orderId');
    const lines: StockLine[] = [];
    for (const line of order.lines as { productId: string; quantity: number }[]) {
      const product = await productOf(line.productId);
      if (product.type !== 'stockable') continue;
      lines.push({
        productId: line.productId,
        warehouseId: await warehouseFor(repo, product, request.warehouseId ?? stringOr(order.warehouseId)),
        quantity: line.quantity,
      });
    }
    return { lines, order, products };
  }
  if (request.productId === undefined || request.quantity === undefined) {
    throw new EntityValidationError('name an order, or a product and a quantity', [
      { path: 'params', message: 'must have orderId, or productId and quantity' },
    ]);
  }
  const product = await productOf(request.productId);
  if (product.type !== 'stockable') {
    const message = `is a ${String(product.type)} product, which holds no stock`;
    throw new EntityValidationError(`product ${String(product.sku)} ${message}`, [
      { path: 'params.productId', message },
    ]);
  }
  const warehouseId = await warehouseFor(repo, product, request.warehouseId);
  return { lines: [{ productId: product._id, warehouseId, quantity: request.quantity }], products };
}

async function warehouseFor(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  product: EntityRecord,
  named: string | undefined,
): Promise<string> {
  if (named !== undefined) {
    await repo.get('warehouse', named);
    return named;
  }
  const preferred = stringOr(product.defaultWarehouseId);
  if (preferred !== undefined) return preferred;
  const stocked = await entityCollection(repo.db, 'stockItem')
    .find({ productId: product._id, archived: false }, { projection: { warehouseId: 1 } })
    .limit(2)
    .toArray();
  const only = stocked.length === 1 ? stringOr(stocked[0]?.warehouseId) : undefined;
  if (only !== undefined) return only;
  const message = `product ${String(product.sku)} is stocked in ${stocked.length === 0 ? 'no' : 'several'} warehouses: name one in params.warehouseId, the order's warehouseId or the product's defaultWarehouseId`;
  throw new EntityValidationError(message, [
    { path: 'params.warehouseId', message: 'is needed to choose a warehouse' },
  ]);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
