/** The stored quantities of one stock item; `available` is kept equal to `onHand − reserved`. */
export interface StockLevels {
  onHand: number;
  reserved: number;
}

/**
 * - `reserve`: promise stock to an order. `release`: give a reservation back (cancelled order, compensation).
 * - `receive`: goods arrive (goods receipt). `ship`: reserved goods leave (shipment).
 * - `adjust`: a stock count correction; the quantity is signed.
 */
export type StockMovement = 'reserve' | 'release' | 'receive' | 'ship' | 'adjust';

/** The change to each stored quantity; apply all three in one atomic increment. */
export interface StockDelta {
  onHand: number;
  reserved: number;
  available: number;
}

/** The condition the stored document must meet for the movement to apply: `field >= min`. */
export interface StockGuard {
  field: 'available' | 'reserved';
  min: number;
}

export interface StockPlan {
  delta: StockDelta;
  /** Absent when the movement can never drive a quantity negative. */
  guard?: StockGuard;
}

export type StockError =
  | { code: 'invalidQuantity'; message: string; quantity: number }
  | {
      code: 'insufficientStock';
      message: string;
      field: StockGuard['field'];
      requested: number;
      have: number;
    };

/**
 * `onHand − reserved`.
 *
 * @example
 * computeAvailable({ onHand: 10, reserved: 3 }); // 7
 */
export function computeAvailable(levels: StockLevels): number {
  return levels.onHand - levels.reserved;
}

/**
 * Plans a movement as a delta plus a guard, which is what makes concurrent reservations safe without
 * transactions: the repository applies the delta as one conditional single-document update, matching
 * only while `guard.field >= guard.min` (e.g. `{available: {$gte: 5}}` with `$inc` of the delta). Two
 * reservations racing for the last units cannot both match, so `available` never goes negative.
 * Quantities are positive integers; for `adjust`, any non-zero integer.
 *
 * @example
 * planStockMovement('reserve', 5);
 * // { ok: true, plan: { delta: { onHand: 0, reserved: 5, available: -5 }, guard: { field: 'available', min: 5 } } }
 */
export function planStockMovement(
  movement: StockMovement,
  quantity: number,
): { ok: true; plan: StockPlan } | { ok: false; error: StockError } {
  const valid =
    movement === 'adjust'
      ? Number.isSafeInteger(quantity) && quantity !== 0
      : Number.isSafeInteger(quantity) && quantity > 0;
  if (!valid) {
    const expected = movement === 'adjust' ? 'a non-zero integer' : 'a positive integer';
    return {
      ok: false,
      error: {
        code: 'invalidQuantity',
        quantity,
        message: `${movement} quantity must be ${expected}, got ${quantity}`,
      },
    };
  }
  const q = quantity;
  switch (movement) {
    case 'reserve':
      return { ok: true, plan: { delta: delta(0, q), guard: { field: 'available', min: q } } };
    case 'release':
      return { ok: true, plan: { delta: delta(0, -q), guard: { field: 'reserved', min: q } } };
    case 'receive':
      return { ok: true, plan: { delta: delta(q, 0) } };
    case 'ship':
      return { ok: true, plan: { delta: delta(-q, -q), guard: { field: 'reserved', min: q } } };
    case 'adjust':
      return {
        ok: true,
        plan: q > 0 ? { delta: delta(q, 0) } : { delta: delta(q, 0), guard: { field: 'available', min: -q } },
      };
  }
}

/**
 * Applies a movement to known levels, checking its guard: the pure counterpart of the conditional update,
 * for validating a request up front and for explaining a refused update to the user.
 *
 * @example
 * applyStockMovement({ onHand: 10, reserved: 8 }, 'reserve', 5);
 * // { ok: false, error: { code: 'insufficientStock', field: 'available', requested: 5, have: 2,
 * //   message: 'cannot reserve 5: only 2 available' } }
 */
export function applyStockMovement(
  levels: StockLevels,
  movement: StockMovement,
  quantity: number,
):
  | { ok: true; levels: StockLevels & { available: number }; delta: StockDelta }
  | { ok: false; error: StockError } {
  const planned = planStockMovement(movement, quantity);
  if (!planned.ok) return planned;
  const { delta: change, guard } = planned.plan;
  const current = { ...levels, available: computeAvailable(levels) };
  if (guard !== undefined && current[guard.field] < guard.min) {
    const have = current[guard.field];
    return {
      ok: false,
      error: {
        code: 'insufficientStock',
        field: guard.field,
        requested: guard.min,
        have,
        message: `cannot ${movement === 'adjust' ? `adjust by ${quantity}` : `${movement} ${quantity}`}: only ${have} ${guard.field}`,
      },
    };
  }
  const onHand = levels.onHand + change.onHand;
  const reserved = levels.reserved + change.reserved;
  return { ok: true, levels: { onHand, reserved, available: onHand - reserved }, delta: change };
}

function delta(onHand: number, reserved: number): StockDelta {
  return { onHand, reserved, available: onHand - reserved };
}
