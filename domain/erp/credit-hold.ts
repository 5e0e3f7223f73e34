import type { EntityRecord } from '../entities';
import { InvariantError } from '../entities';

/**
 * An order on credit hold moves no goods and is not billed until finance releases it: throws the
 * 422 naming `params.<param>`, the node param that named the order.
 *
 * @example
 * refuseCreditHold(order, 'salesOrderId'); // throws for { creditHold: true, number: 'SO-2026-000007' }
 */
export function refuseCreditHold(order: EntityRecord, param: string): void {
  if (order.creditHold !== true) return;
  const message = 'is on credit hold; release it first';
  throw new InvariantError(`sales order ${String(order.number)} ${message}`, [
    { path: `params.${param}`, message },
  ]);
}
