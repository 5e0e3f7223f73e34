import { matchThreeWay, type MatchDocument, type MatchInput } from './three-way-match-rule';

const order: MatchDocument = {
  supplierId: 's1',
  currency: 'EUR',
  lines: [
    { productId: 'desk', quantity: 10, unitPrice: 1000 },
    { productId: 'chair', quantity: 4, unitPrice: 2500, discountBp: 1000 },
  ],
};
const received = [
  {
    lines: [
      { productId: 'desk', receivedQuantity: 10, rejectedQuantity: 0 },
      { productId: 'chair', receivedQuantity: 4 },
    ],
  },
];

function input(invoiceLines: MatchDocument['lines'], overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    order,
    receipts: received,
    invoice: { supplierId: 's1', currency: 'EUR', lines: invoiceLines },
    quantityToleranceBp: 0,
    priceToleranceBp: 0,
    ...overrides,
  };
}

const exact = [
  { productId: 'desk', quantity: 10, unitPrice: 1000 },
  { productId: 'chair', quantity: 4, unitPrice: 2500, discountBp: 1000 },
];

describe('matchThreeWay', () => {
  it('matches an invoice that bills exactly what was ordered and received', () => {
    expect(matchThreeWay(input(exact))).toEqual({
      matched: true,
      discrepancies: [],
      lines: [
        {
          productId: 'desk',
          ordered: 10,
          received: 10,
          invoiced: 10,
          orderedUnitPrice: 1000,
          invoicedUnitPrice: 1000,
        },
        {
          productId: 'chair',
          ordered: 4,
          received: 4,
          invoiced: 4,
          orderedUnitPrice: 2250,
          invoicedUnitPrice: 2250,
        },
      ],
    });
  });

  it('compares net prices: a discount on the invoice instead of a lower price is the same price', () => {
    const restated = [exact[0]!, { productId: 'chair', quantity: 4, unitPrice: 2250 }];
    expect(matchThreeWay(input(restated)).matched).toBe(true);
  });

  it.each([
    ['at the quantity tolerance', 11, 1000, true],
    ['one unit past it', 12, 1000, false],
    ['any excess without tolerance', 11, 0, false],
    ['fewer than received (a partial bill)', 6, 0, true],
  ])('quantity %s', (_name, quantity, quantityToleranceBp, matched) => {
    const result = matchThreeWay(
      input([{ productId: 'desk', quantity, unitPrice: 1000 }], { quantityToleranceBp }),
    );
    expect(result.matched).toBe(matched);
    if (!matched) {
      expect(result.discrepancies).toEqual([
        {
          productId: 'desk',
          kind: 'quantity',
          expected: 10,
          actual: quantity,
          message: `desk: invoiced ${quantity}, more than the 10 ordered and received${quantityToleranceBp ? ' by more than 10%' : ''}`,
        },
      ]);
    }
  });

  it.each([
    ['exactly at the price tolerance, above', 1020, true],
    ['exactly at the price tolerance, below', 980, true],
    ['one cent above it', 1021, false],
    ['one cent below it', 979, false],
  ])('price %s', (_name, unitPrice, matched) => {
    const result = matchThreeWay(
      input([{ productId: 'desk', quantity: 10, unitPrice }], { priceToleranceBp: 200 }),
    );
    expect(result.matched).toBe(matched);
    if (!matched) {
      expect(result.discrepancies).toEqual([
        {
          productId: 'desk',
          kind: 'price',
          expected: 1000,
          actual: unitPrice,
          message: `desk: invoiced net unit price ${unitPrice} differs from the ordered 1000 by more than 2%`,
        },
      ]);
    }
  });

  it('bills only accepted goods: rejected units and over-deliveries are not billable', () => {
    const receipts = [
      { lines: [{ productId: 'desk', receivedQuantity: 6, rejectedQuantity: 1 }] },
      { lines: [{ productId: 'desk', receivedQuantity: 7 }] },
    ];
    // Accepted 12, ordered 10: 10 may be billed.
    expect(
      matchThreeWay(input([{ productId: 'desk', quantity: 10, unitPrice: 1000 }], { receipts })).matched,
    ).toBe(true);
    const over = matchThreeWay(input([{ productId: 'desk', quantity: 12, unitPrice: 1000 }], { receipts }));
    expect(over.discrepancies.map((d) => [d.kind, d.expected, d.actual])).toEqual([['quantity', 10, 12]]);
    const partial = [{ lines: [{ productId: 'desk', receivedQuantity: 5, rejectedQuantity: 2 }] }];
    const short = matchThreeWay(
      input([{ productId: 'desk', quantity: 5, unitPrice: 1000 }], { receipts: partial }),
    );
    expect(short.discrepancies.map((d) => [d.kind, d.expected, d.actual])).toEqual([['quantity', 3, 5]]);
  });

  it('names every reason at once: supplier, currency, products not ordered or not received', () => {
    const result = matchThreeWay({
      ...input([]),
      receipts: [{ lines: [{ productId: 'desk', receivedQuantity: 10 }] }],
      invoice: {
        supplierId: 's2',
        currency: 'USD',
        lines: [
          { productId: 'lamp', quantity: 1, unitPrice: 500 },
          { productId: 'chair', quantity: 2, unitPrice: 2250 },
        ],
      },
    });
    expect(result.matched).toBe(false);
    expect(result.discrepancies).toEqual([
      {
        productId: null,
        kind: 'supplier',
        expected: 's1',
        actual: 's2',
        message: 'invoice is from supplier s2, the order from s1',
      },
      {
        productId: null,
        kind: 'currency',
        expected: 'EUR',
        actual: 'USD',
        message: 'invoice is in USD, the order in EUR',
      },
      {
        productId: 'lamp',
        kind: 'notOrdered',
        expected: 0,
        actual: 1,
        message: 'lamp: invoiced 1 but not on the purchase order',
      },
      {
        productId: 'chair',
        kind: 'notReceived',
        expected: 0,
        actual: 2,
        message: 'chair: invoiced 2 but none received',
      },
    ]);
  });

  it('compares huge amounts exactly', () => {
    const big: MatchDocument = {
      supplierId: 's1',
      currency: 'EUR',
      lines: [{ productId: 'desk', quantity: 1_000_000, unitPrice: 1_000_000_000 }],
    };
    const result = matchThreeWay({
      order: big,
      receipts: [{ lines: [{ productId: 'desk', receivedQuantity: 1_000_000 }] }],
      invoice: { ...big, lines: [{ productId: 'desk', quantity: 1_000_000, unitPrice: 1_000_000_001 }] },
      quantityToleranceBp: 0,
      priceToleranceBp: 0,
    });
    expect(result.discrepancies.map((d) => d.kind)).toEqual(['price']);
  });
});
