import { computeLineAmounts } from '../rules';

/** A priced line of a purchase order or a supplier invoice. */
export interface MatchPricedLine {
  productId: string;
  quantity: number;
  unitPrice: number;
  discountBp?: number;
}

/** The fields of a purchase order or supplier invoice the match reads. */
export interface MatchDocument {
  supplierId: string;
  currency: string;
  discountBp?: number;
  lines: readonly MatchPricedLine[];
}

/** A goods receipt line: only accepted goods (received − rejected) may be billed. */
export interface MatchReceiptLine {
  productId: string;
  receivedQuantity: number;
  rejectedQuantity?: number;
}

export interface MatchInput {
  order: MatchDocument;
  receipts: readonly { lines: readonly MatchReceiptLine[] }[];
  invoice: MatchDocument;
  /** How far the invoiced quantity may exceed what may be billed, in basis points of it. */
  quantityToleranceBp: number;
  /** How far the invoiced net unit price may differ from the ordered one, in basis points of it. */
  priceToleranceBp: number;
  /** How messages name a product, e.g. by SKU; the product id otherwise. */
  labels?: Readonly<Record<string, string>>;
}

export type DiscrepancyKind = 'supplier' | 'currency' | 'notOrdered' | 'notReceived' | 'quantity' | 'price';

/** One reason the invoice may not be paid as it stands. */
export interface Discrepancy {
  /** Null for a header discrepancy (supplier, currency). */
  productId: string | null;
  kind: DiscrepancyKind;
  expected: string | number | null;
  actual: string | number | null;
  message: string;
}

/** The three figures of one invoiced product; prices are net per unit, rounded to minor units. */
export interface MatchedProduct {
  productId: string;
  ordered: number;
  received: number;
  invoiced: number;
  orderedUnitPrice: number | null;
  invoicedUnitPrice: number;
}

export interface MatchResult {
  matched: boolean;
  discrepancies: Discrepancy[];
  lines: MatchedProduct[];
}

interface Priced {
  quantity: number;
  /** Net amount after line and header discounts, before tax. */
  net: number;
}

/**
 * Three-way match: each invoiced product against what was ordered (price) and what was received
 * (quantity). The invoiced quantity may exceed `min(ordered, accepted)` by at most the quantity
 * tolerance; the net unit price (after line and header discounts, before tax) may differ from the
 * ordered one by at most the price tolerance. Values exactly at a tolerance match. Comparisons are
 * cross-multiplied in integers, so no rounding decides a match.
 *
 * @example
 * matchThreeWay({ order, receipts: [receipt], invoice, quantityToleranceBp: 0, priceToleranceBp: 200 });
 * // { matched: false, discrepancies: [{ productId: 'p1', kind: 'price', expected: 1000, actual: 1050,
 * //   message: 'p1: invoiced net unit price 1050 differs from the ordered 1000 by more than 2%' }], lines: [...] }
 */
export function matchThreeWay(input: MatchInput): MatchResult {
  const { order, invoice } = input;
  const discrepancies: Discrepancy[] = [];
  if (order.supplierId !== invoice.supplierId) {
    discrepancies.push({
      productId: null,
      kind: 'supplier',
      expected: order.supplierId,
      actual: invoice.supplierId,
      message: `invoice is from supplier ${invoice.supplierId}, the order from ${order.supplierId}`,
    });
  }
  if (order.currency !== invoice.currency) {
    discrepancies.push({
      productId: null,
      kind: 'currency',
      expected: order.currency,
      actual: invoice.currency,
      message: `invoice is in ${invoice.currency}, the order in ${order.currency}`,
    });
  }
  const ordered = pricedByProduct(order);
  const invoiced = pricedByProduct(invoice);
  const received = acceptedByProduct(input.receipts);
  const lines: MatchedProduct[] = [];
  for (const [productId, billed] of invoiced) {
    const label = input.labels?.[productId] ?? productId;
    const onOrder = ordered.get(productId);
    const accepted = received.get(productId) ?? 0;
    lines.push({
      productId,
      ordered: onOrder?.quantity ?? 0,
      received: accepted,
      invoiced: billed.quantity,
      orderedUnitPrice: onOrder === undefined ? null : unitPrice(onOrder),
      invoicedUnitPrice: unitPrice(billed),
    });
    if (onOrder === undefined) {
      discrepancies.push({
        productId,
        kind: 'notOrdered',
        expected: 0,
        actual: billed.quantity,
        message: `${label}: invoiced ${billed.quantity} but not on the purchase order`,
      });
      continue;
    }
    const billable = Math.min(onOrder.quantity, accepted);
    if (billable === 0) {
      discrepancies.push({
        productId,
        kind: 'notReceived',
        expected: 0,
        actual: billed.quantity,
        message: `${label}: invoiced ${billed.quantity} but none received`,
      });
    } else if (!withinAbove(billed.quantity, billable, input.quantityToleranceBp)) {
      discrepancies.push({
        productId,
        kind: 'quantity',
        expected: billable,
        actual: billed.quantity,
        message: `${label}: invoiced ${billed.quantity}, more than the ${billable} ordered and received${tolerance(input.quantityToleranceBp)}`,
      });
    }
    if (!pricesAgree(onOrder, billed, input.priceToleranceBp)) {
      discrepancies.push({
        productId,
        kind: 'price',
        expected: unitPrice(onOrder),
        actual: unitPrice(billed),
        message: `${label}: invoiced net unit price ${unitPrice(billed)} differs from the ordered ${unitPrice(onOrder)}${tolerance(input.priceToleranceBp)}`,
      });
    }
  }
  return { matched: discrepancies.length === 0, discrepancies, lines };
}

function pricedByProduct(doc: MatchDocument): Map<string, Priced> {
  const byProduct = new Map<string, Priced>();
  for (const line of doc.lines) {
    const net = computeLineAmounts(line, doc.discountBp ?? 0).taxable;
    const seen = byProduct.get(line.productId) ?? { quantity: 0, net: 0 };
    byProduct.set(line.productId, { quantity: seen.quantity + line.quantity, net: seen.net + net });
  }
  return byProduct;
}

function acceptedByProduct(receipts: MatchInput['receipts']): Map<string, number> {
  const byProduct = new Map<string, number>();
  for (const receipt of receipts) {
    for (const line of receipt.lines) {
      const accepted = line.receivedQuantity - (line.rejectedQuantity ?? 0);
      byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + accepted);
    }
  }
  return byProduct;
}

function unitPrice(priced: Priced): number {
  return priced.quantity === 0 ? 0 : Math.round(priced.net / priced.quantity);
}

/** actual ≤ expected × (1 + bp/10000), in exact integers. */
function withinAbove(actual: number, expected: number, bp: number): boolean {
  return (BigInt(actual) - BigInt(expected)) * 10000n <= BigInt(expected) * BigInt(bp);
}

/**
 * |invoiced unit price − ordered unit price| ≤ ordered unit price × bp/10000, cross-multiplied by
 * both quantities in BigInt (amounts times quantities can pass 2^53).
 */
function pricesAgree(ordered: Priced, invoiced: Priced, bp: number): boolean {
  const difference =
    BigInt(invoiced.net) * BigInt(ordered.quantity) - BigInt(ordered.net) * BigInt(invoiced.quantity);
  const absolute = difference < 0n ? -difference : difference;
  return absolute * 10000n <= BigInt(ordered.net) * BigInt(invoiced.quantity) * BigInt(bp);
}

function tolerance(bp: number): string {
  return bp === 0 ? '' : ` by more than ${bp / 100}%`;
}
