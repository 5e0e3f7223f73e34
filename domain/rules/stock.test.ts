import {
  applyStockMovement,
  computeAvailable,
  planStockMovement,
  type StockLevels,
  type StockMovement,
} from './stock';

describe('computeAvailable', () => {
  it.each([
    [{ onHand: 10, reserved: 3 }, 7],
    [{ onHand: 0, reserved: 0 }, 0],
  ])('%j → %d', (levels, available) => {
    expect(computeAvailable(levels)).toBe(available);
  });
});

describe('planStockMovement', () => {
  it.each<[StockMovement, number, unknown]>([
    [
      'reserve',
      5,
      { delta: { onHand: 0, reserved: 5, available: -5 }, guard: { field: 'available', min: 5 } },
    ],
    [
      'release',
      5,
      { delta: { onHand: 0, reserved: -5, available: 5 }, guard: { field: 'reserved', min: 5 } },
    ],
    ['receive', 5, { delta: { onHand: 5, reserved: 0, available: 5 } }],
    ['ship', 5, { delta: { onHand: -5, reserved: -5, available: 0 }, guard: { field: 'reserved', min: 5 } }],
    ['adjust', 5, { delta: { onHand: 5, reserved: 0, available: 5 } }],
    [
      'adjust',
      -5,
      { delta: { onHand: -5, reserved: 0, available: -5 }, guard: { field: 'available', min: 5 } },
    ],
  ])('%s %d', (movement, quantity, plan) => {
    expect(planStockMovement(movement, quantity)).toEqual({ ok: true, plan });
  });

  it.each<[StockMovement, number, string]>([
    ['reserve', 0, 'reserve quantity must be a positive integer, got 0'],
    ['release', -1, 'release quantity must be a positive integer, got -1'],
    ['ship', 1.5, 'ship quantity must be a positive integer, got 1.5'],
    ['receive', Number.NaN, 'receive quantity must be a positive integer, got NaN'],
    ['adjust', 0, 'adjust quantity must be a non-zero integer, got 0'],
  ])('refuses %s %d', (movement, quantity, message) => {
    expect(planStockMovement(movement, quantity)).toEqual({
      ok: false,
      error: { code: 'invalidQuantity', quantity, message },
    });
  });
});

describe('applyStockMovement', () => {
  const levels: StockLevels = { onHand: 10, reserved: 8 };

  it.each<[StockMovement, number, { onHand: number; reserved: number; available: number }]>([
    ['reserve', 2, { onHand: 10, reserved: 10, available: 0 }],
    ['release', 8, { onHand: 10, reserved: 0, available: 10 }],
    ['receive', 5, { onHand: 15, reserved: 8, available: 7 }],
    ['ship', 8, { onHand: 2, reserved: 0, available: 2 }],
    ['adjust', -2, { onHand: 8, reserved: 8, available: 0 }],
  ])('%s %d', (movement, quantity, after) => {
    const result = applyStockMovement(levels, movement, quantity);
    expect(result.ok && result.levels).toEqual(after);
  });

  it.each<[StockMovement, number, unknown]>([
    [
      'reserve',
      3,
      {
        code: 'insufficientStock',
        field: 'available',
        requested: 3,
        have: 2,
        message: 'cannot reserve 3: only 2 available',
      },
    ],
    [
      'release',
      9,
      {
        code: 'insufficientStock',
        field: 'reserved',
        requested: 9,
        have: 8,
        message: 'cannot release 9: only 8 reserved',
      },
    ],
    [
      'ship',
      9,
      {
        code: 'insufficientStock',
        field: 'reserved',
        requested: 9,
        have: 8,
        message: 'cannot ship 9: only 8 reserved',
      },
    ],
    [
      'adjust',
      -3,
      {
        code: 'insufficientStock',
        field: 'available',
        requested: 3,
        have: 2,
        message: 'cannot adjust by -3: only 2 available',
      },
    ],
  ])('refuses %s %d', (movement, quantity, error) => {
    expect(applyStockMovement(levels, movement, quantity)).toEqual({ ok: false, error });
  });

  it('lets only one of two racing reservations for the last units through', () => {
    // Both requests were checked against the same snapshot; the guard is re-checked on the updated levels.
    const first = applyStockMovement({ onHand: 5, reserved: 0 }, 'reserve', 4);
    expect(first.ok).toBe(true);
    const second = first.ok ? applyStockMovement(first.levels, 'reserve', 4) : first;
    expect(second).toEqual({
      ok: false,
      error: {
        code: 'insufficientStock',
        field: 'available',
        requested: 4,
        have: 1,
        message: 'cannot reserve 4: only 1 available',
      },
    });
  });
});
