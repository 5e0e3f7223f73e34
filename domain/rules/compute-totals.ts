import { applyBp, multiply } from './basis-points';

/** The priced part of a document line; other line fields pass through untouched. */
export interface PricedLine {
  quantity: number;
  /** Minor units, before discount and tax. */
  unitPrice: number;
  /** Line discount; absent means 0. */
  discountBp?: number;
  /** Tax rate on the discounted amount; absent means 0. */
  taxRateBp?: number;
}

/** What one line contributes to the document totals, all in minor units. */
export interface LineAmounts {
  /** quantity × unitPrice. */
  gross: number;
  /** The line's own discount. */
  lineDiscount: number;
  /** gross − lineDiscount: the amount printed on the line. */
  lineTotal: number;
  /** The line's share of the header discount. */
  headerDiscount: number;
  /** lineTotal − headerDiscount: what tax is charged on. */
  taxable: number;
  tax: number;
}

export interface DocumentTotals {
  /** Σ gross: before any discount or tax. */
  subtotal: number;
  /** Σ (lineDiscount + headerDiscount). */
  discountTotal: number;
  taxTotal: number;
  /** subtotal − discountTotal + taxTotal. */
  total: number;
}

/**
 * The amounts of one line. Prices are net of tax. Each step rounds half away from zero, per line:
 * line discount on the gross, header discount on the line total, tax on what remains. Rounding per line
 * (not once on the sum) makes every printed line add up to the printed totals exactly.
 *
 * @example
 * computeLineAmounts({ quantity: 3, unitPrice: 999, discountBp: 1000, taxRateBp: 1900 }, 0);
 * // { gross: 2997, lineDiscount: 300, lineTotal: 2697, headerDiscount: 0, taxable: 2697, tax: 512 }
 */
export function computeLineAmounts(line: PricedLine, headerDiscountBp: number): LineAmounts {
  const gross = multiply(line.quantity, line.unitPrice);
  const lineDiscount = applyBp(gross, line.discountBp ?? 0);
  const lineTotal = gross - lineDiscount;
  const headerDiscount = applyBp(lineTotal, headerDiscountBp);
  const taxable = lineTotal - headerDiscount;
  const tax = applyBp(taxable, line.taxRateBp ?? 0);
  return { gross, lineDiscount, lineTotal, headerDiscount, taxable, tax };
}

/**
 * Computes the server-owned amounts of a quote, sales order, invoice, purchase order or supplier invoice:
 * each line's `lineTotal` and the document's `subtotal`, `discountTotal`, `taxTotal` and `total`. The
 * result merges straight into the document: `{ ...doc, ...computeTotals(doc) }`. Throws a RangeError when
 * an amount leaves the safe-integer range.
 *
 * @example
 * computeTotals({ discountBp: 0, lines: [{ quantity: 2, unitPrice: 1000, taxRateBp: 1900 }] });
 * // { lines: [{ quantity: 2, unitPrice: 1000, taxRateBp: 1900, lineTotal: 2000 }],
 * //   subtotal: 2000, discountTotal: 0, taxTotal: 380, total: 2380 }
 */
export function computeTotals<L extends PricedLine>(doc: {
  lines: readonly L[];
  discountBp?: number;
}): DocumentTotals & { lines: (L & { lineTotal: number })[] } {
  const priced = doc.lines.map((line) => ({ line, amounts: computeLineAmounts(line, doc.discountBp ?? 0) }));
  const amounts = priced.map((p) => p.amounts);
  const sum = (pick: (a: LineAmounts) => number): number => amounts.reduce((total, a) => total + pick(a), 0);
  const subtotal = sum((a) => a.gross);
  const discountTotal = sum((a) => a.lineDiscount + a.headerDiscount);
  const taxTotal = sum((a) => a.tax);
  const total = subtotal - discountTotal + taxTotal;
  if (![subtotal, discountTotal, taxTotal, total].every(Number.isSafeInteger)) {
    throw new RangeError('document total is larger than the largest safe integer');
  }
  return {
    lines: priced.map(({ line, amounts: a }) => ({ ...line, lineTotal: a.lineTotal })),
    subtotal,
    discountTotal,
    taxTotal,
    total,
  };
}
