import type { EntityRepository, ReservedLine, StockLine, StockShortage, WriteContext } from '../entities';
import {
  EntityNotFoundError,
  findOrderReservations,
  findStockItemId,
  InsufficientStockError,
  releaseReservation,
  releaseStock,
  reserveStockLines,
} from '../entities';
import { resolveStockLines, type StockRequest } from './stock-request';

export interface ReserveRequest extends StockRequest {
  /** What the stock is held for, e.g. an order number; defaults to the order's number. */
  reference?: string;
  /** `fail` (default): a shortage throws InsufficientStockError. `report`: it is returned. */
  onShortage?: 'fail' | 'report';
}

/** A shortage with what a buyer needs to reorder it. */
export interface ReorderShortage extends StockShortage {
  sku: string;
  preferredSupplierId: string | null;
  /** The product's standard cost per unit, in minor units; null when unknown. */
  standardCost: number | null;
}

export type ReserveResult =
  | { reserved: true; reservationId: string | null; lines: StockLine[] }
  | { reserved: false; reservationId: string; shortages: ReorderShortage[] };

/**
 * Reserves every stocked line of a sales order, or a quantity of one product, all or nothing (see
 * `reserveStockLines`). A shortage reserves nothing: it throws, or with `onShortage: 'report'` returns
 * the missing quantities with each product's preferred supplier and cost, ready for a requisition.
 * An order with nothing to stock (services only) reserves nothing and has no reservation id.
 *
 * @example
 * await reserveStockFor(repo, { orderId: 'so-1', onShortage: 'report' }, ctx);
 * // { reserved: false, reservationId: 'rsv-…', shortages: [{ productId: 'p1', sku: 'DESK-1', missing: 3, … }] }
 */
export async function reserveStockFor(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  request: ReserveRequest,
  ctx: WriteContext,
): Promise<ReserveResult> {
  const { lines, order, products } = await resolveStockLines(repo, request, 'reserve');
  if (lines.length === 0) return { reserved: true, reservationId: null, lines: [] };
  const reference = request.reference ?? (order === undefined ? undefined : String(order.number));
  const outcome = await reserveStockLines(
    repo,
    {
      lines,
      ...(order === undefined ? {} : { salesOrderId: order._id }),
      ...(reference === undefined ? {} : { reference }),
    },
    ctx,
  );
  if (outcome.status === 'reserved') {
    return { reserved: true, reservationId: outcome.reservationId, lines: outcome.lines.map(withoutItem) };
  }
  const shortages = outcome.shortages.map((shortage): ReorderShortage => {
    const product = products.get(shortage.productId);
    return {
      ...shortage,
      sku: typeof product?.sku === 'string' ? product.sku : shortage.productId,
      preferredSupplierId:
        typeof product?.preferredSupplierId === 'string' ? product.preferredSupplierId : null,
      standardCost: typeof product?.standardCost === 'number' ? product.standardCost : null,
    };
  });
  if (request.onShortage === 'report') {
    return { reserved: false, reservationId: outcome.reservationId, shortages };
  }
  throw new InsufficientStockError(shortages);
}

export interface ReleaseRequest extends StockRequest {
  reservationId?: string;
}

/**
 * Releases a reservation (what it still holds), every reservation of an order, or a quantity of one
 * product. Releasing twice releases once: with an idempotency key the same release is repeated, and
 * a released reservation holds nothing more.
 *
 * @example
 * await releaseStockFor(repo, { reservationId: 'rsv-…' }, ctx);
 * // { released: [{ productId: 'p1', warehouseId: 'w1', quantity: 2 }] }
 */
export async function releaseStockFor(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  request: ReleaseRequest,
  ctx: WriteContext,
): Promise<{ released: StockLine[] }> {
  if (request.reservationId !== undefined) {
    return { released: await releaseReservation(repo, request.reservationId, ctx) };
  }
  if (request.orderId !== undefined) {
    await repo.get('salesOrder', request.orderId);
    const released: StockLine[] = [];
    for (const reservation of await findOrderReservations(repo.db, request.orderId)) {
      const key = ctx.idempotencyKey === undefined ? undefined : `${ctx.idempotencyKey}/${reservation._id}`;
      released.push(
        ...(await releaseReservation(repo, reservation._id, {
          ...ctx,
          ...(key === undefined ? {} : { idempotencyKey: key }),
        })),
      );
    }
    return { released };
  }
  const { lines } = await resolveStockLines(repo, request, 'release');
  const released: StockLine[] = [];
  for (const line of lines) {
    const item = await stockItemOf(repo, line);
    await releaseStock(repo, item, line.quantity, ctx);
    released.push(line);
  }
  return { released };
}

async function stockItemOf(repo: Pick<EntityRepository, 'db' | 'get'>, line: StockLine): Promise<string> {
  const item = await findStockItemId(repo.db, line.productId, line.warehouseId);
  if (item === undefined) {
    throw new EntityNotFoundError(`product ${line.productId} has no stock in warehouse ${line.warehouseId}`, [
      { path: 'params.productId', message: 'has no stock item in that warehouse' },
    ]);
  }
  return item;
}

function withoutItem(line: ReservedLine): StockLine {
  return { productId: line.productId, warehouseId: line.warehouseId, quantity: line.quantity };
}
