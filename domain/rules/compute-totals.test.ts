import { applyBp, multiply } from './basis-points';
import { computeLineAmounts, computeTotals, type PricedLine } from './compute-totals';

describe('applyBp', () => {
  it.each([
    [2997, 1000, 300], // 299.7
    [2697, 1900, 512], // 512.43
    [5, 1000, 1], // 0.5: half away from zero
    [15, 1000, 2], // 1.5
    [14, 1000, 1], // 1.4
    [-5, 1000, -1], // -0.5
    [-15, 1000, -2], // -1.5
    [-14, 1000, -1],
    [1234, 0, 0],
    [1234, 10000, 1234],
    [999_999_999_999_999, 9999, 999_899_999_999_999], // exact where doubles would not be
  ])('applyBp(%d, %d) = %d', (amount, bp, expected) => {
    expect(applyBp(amount, bp)).toBe(expected);
  });

  it.each([
    [() => applyBp(1.5, 100), 'amount must be a safe integer, got 1.5'],
    [() => applyBp(100, 12.5), 'basis points must be a safe integer, got 12.5'],
    [
      () => multiply(1_000_000_000, 1_000_000_000_000_000),
      'amount 1000000000000000000000000 is larger than the largest safe integer',
    ],
  ])('throws %#', (call, message) => {
    expect(call).toThrow(new RangeError(message));
  });
});

describe('computeLineAmounts', () => {
  it.each<[string, PricedLine, number, ReturnType<typeof computeLineAmounts>]>([
    [
      'no discount, no tax',
      { quantity: 2, unitPrice: 1000 },
      0,
      { gross: 2000, lineDiscount: 0, lineTotal: 2000, headerDiscount: 0, taxable: 2000, tax: 0 },
    ],
    [
      'line discount then tax',
      { quantity: 3, unitPrice: 999, discountBp: 1000, taxRateBp: 1900 },
      0,
      { gross: 2997, lineDiscount: 300, lineTotal: 2697, headerDiscount: 0, taxable: 2697, tax: 512 },
    ],
    [
      'header discount on the line total, tax on the rest',
      { quantity: 3, unitPrice: 333, discountBp: 500, taxRateBp: 700 },
      1500,
      { gross: 999, lineDiscount: 50, lineTotal: 949, headerDiscount: 142, taxable: 807, tax: 56 },
    ],
    [
      'a full discount',
      { quantity: 1, unitPrice: 4999, discountBp: 10000, taxRateBp: 1900 },
      0,
      { gross: 4999, lineDiscount: 4999, lineTotal: 0, headerDiscount: 0, taxable: 0, tax: 0 },
    ],
    [
      'a credit line rounds away from zero too',
      { quantity: 1, unitPrice: -5, discountBp: 1000 },
      0,
      { gross: -5, lineDiscount: -1, lineTotal: -4, headerDiscount: 0, taxable: -4, tax: 0 },
    ],
  ])('%s', (_case, line, headerBp, expected) => {
    expect(computeLineAmounts(line, headerBp)).toEqual(expected);
  });
});

describe('computeTotals', () => {
  it.each<[string, { lines: PricedLine[]; discountBp?: number }, ReturnType<typeof computeTotals>]>([
    ['no lines', { lines: [] }, { lines: [], subtotal: 0, discountTotal: 0, taxTotal: 0, total: 0 }],
    [
      'one taxed line',
      { discountBp: 0, lines: [{ quantity: 2, unitPrice: 1000, taxRateBp: 1900 }] },
      {
        lines: [{ quantity: 2, unitPrice: 1000, taxRateBp: 1900, lineTotal: 2000 }],
        subtotal: 2000,
        discountTotal: 0,
        taxTotal: 380,
        total: 2380,
      },
    ],
    [
      'a 15% header discount over two lines with their own discounts and rates',
      {
        discountBp: 1500,
        lines: [
          { quantity: 1, unitPrice: 1000, discountBp: 0, taxRateBp: 1900 },
          { quantity: 3, unitPrice: 333, discountBp: 500, taxRateBp: 700 },
        ],
      },
      {
        lines: [
          { quantity: 1, unitPrice: 1000, discountBp: 0, taxRateBp: 1900, lineTotal: 1000 },
          { quantity: 3, unitPrice: 333, discountBp: 500, taxRateBp: 700, lineTotal: 949 },
        ],
        subtotal: 1999,
        discountTotal: 342, // 50 line + 150 + 142 header
        taxTotal: 218, // 162 (161.5 rounds up) + 56
        total: 1875,
      },
    ],
  ])('%s', (_case, doc, expected) => {
    expect(computeTotals(doc)).toEqual(expected);
  });

  it('keeps the other line fields and does not change the input', () => {
    const doc = {
      discountBp: 0,
      lines: [{ productId: 'p1', description: 'Cable', quantity: 1, unitPrice: 250 }],
    };
    expect(computeTotals(doc).lines).toEqual([
      { productId: 'p1', description: 'Cable', quantity: 1, unitPrice: 250, lineTotal: 250 },
    ]);
    expect(doc.lines[0]).toEqual({ productId: 'p1', description: 'Cable', quantity: 1, unitPrice: 250 });
  });

  it('throws when the sum of lines leaves the safe-integer range', () => {
    const line = { quantity: 1, unitPrice: Number.MAX_SAFE_INTEGER };
    expect(() => computeTotals({ lines: [line, line] })).toThrow(
      new RangeError('document total is larger than the largest safe integer'),
    );
  });
});
