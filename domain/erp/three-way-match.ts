import type { EntityRecord, EntityRepository } from '../entities';
import { entityCollection, InvariantError } from '../entities';
import {
  matchThreeWay,
  type MatchDocument,
  type MatchReceiptLine,
  type MatchResult,
} from './three-way-match-rule';

export interface ThreeWayMatchRequest {
  purchaseOrderId: string;
  /** Match against this receipt only; by default against every posted receipt of the order. */
  goodsReceiptId?: string;
  supplierInvoiceId: string;
  quantityToleranceBp?: number;
  priceToleranceBp?: number;
}

export interface ThreeWayMatchResult extends MatchResult {
  purchaseOrderId: string;
  supplierInvoiceId: string;
  goodsReceiptIds: string[];
  /** One line per discrepancy, for a task or an email; empty when matched. */
  reasons: string[];
}

/**
 * Loads a purchase order, its posted goods receipts (or the one named) and a supplier invoice, and
 * matches them (see {@link matchThreeWay}). Reads only. An invoice that names another purchase order,
 * or a receipt of another order or not yet posted, is a clear error rather than a mismatch.
 *
 * @example
 * await threeWayMatch(repo, { purchaseOrderId: 'po-1', supplierInvoiceId: 'bill-1', priceToleranceBp: 200 });
 * // { matched: true, discrepancies: [], reasons: [], lines: [...], goodsReceiptIds: ['grn-1'], ... }
 */
export async function threeWayMatch(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  request: ThreeWayMatchRequest,
): Promise<ThreeWayMatchResult> {
  const order = await repo.get('purchaseOrder', request.purchaseOrderId);
  const invoice = await repo.get('supplierInvoice', request.supplierInvoiceId);
  if (typeof invoice.purchaseOrderId === 'string' && invoice.purchaseOrderId !== order._id) {
    const message = `belongs to purchase order ${invoice.purchaseOrderId}, not ${String(order.number)}`;
    throw new InvariantError(`supplier invoice ${String(invoice.number)} ${message}`, [
      { path: 'params.supplierInvoiceId', message },
    ]);
  }
  const receipts = await receiptsOf(repo, order, request.goodsReceiptId);
  const result = matchThreeWay({
    labels: await skusOf(repo, invoice),
    order: order as unknown as MatchDocument,
    receipts: receipts.map((receipt) => ({ lines: receipt.lines as MatchReceiptLine[] })),
    invoice: invoice as unknown as MatchDocument,
    quantityToleranceBp: request.quantityToleranceBp ?? 0,
    priceToleranceBp: request.priceToleranceBp ?? 0,
  });
  return {
    ...result,
    purchaseOrderId: order._id,
    supplierInvoiceId: invoice._id,
    goodsReceiptIds: receipts.map((receipt) => receipt._id),
    reasons: result.discrepancies.map((discrepancy) => discrepancy.message),
  };
}

async function receiptsOf(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  order: EntityRecord,
  goodsReceiptId: string | undefined,
): Promise<EntityRecord[]> {
  if (goodsReceiptId === undefined) {
    const posted = await entityCollection(repo.db, 'goodsReceipt')
      .find({ purchaseOrderId: order._id, status: 'posted', archived: false })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return posted;
  }
  const receipt = await repo.get('goodsReceipt', goodsReceiptId);
  const problem =
    receipt.purchaseOrderId !== order._id
      ? `belongs to purchase order ${String(receipt.purchaseOrderId)}, not ${String(order.number)}`
      : receipt.status !== 'posted'
        ? `is ${String(receipt.status)}; only posted receipts count`
        : undefined;
  if (problem !== undefined) {
    throw new InvariantError(`goods receipt ${String(receipt.number)} ${problem}`, [
      { path: 'params.goodsReceiptId', message: problem },
    ]);
  }
  return [receipt];
}

/** SKUs of the invoiced products, so reasons read "DESK-01: …"; unknown products keep their id. */
async function skusOf(
  repo: Pick<EntityRepository, 'db'>,
  invoice: EntityRecord,
): Promise<Record<string, string>> {
  const ids = [...new Set((invoice.lines as { productId: string }[]).map((line) => line.productId))];
  const products = await entityCollection(repo.db, 'product')
    .find({ _id: { $in: ids } }, { projection: { sku: 1 } })
    .toArray();
  return Object.fromEntries(products.map((product) => [product._id, String(product.sku)]));
}
