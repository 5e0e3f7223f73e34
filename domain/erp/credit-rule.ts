/** What a credit decision is based on, all in the account's currency's minor units. */
export interface CreditPosition {
  /** Absent: the account has no credit limit set, so no limit applies. */
  creditLimit?: number;
  /** What the customer owes on open invoices. */
  openBalance: number;
  /** The new order's amount. */
  amount: number;
  /** An account on hold gets no new credit whatever its limit. */
  onHold: boolean;
}

export type CreditReason = 'withinLimit' | 'noLimit' | 'overLimit' | 'accountOnHold';

export interface CreditDecision {
  approved: boolean;
  reason: CreditReason;
  creditLimit: number | null;
  openBalance: number;
  amount: number;
  /** openBalance + amount: what the customer would owe with this order. */
  exposure: number;
  /** creditLimit − openBalance, what is left before this order; null without a limit. */
  available: number | null;
}

/**
 * Decides whether an account may take on `amount` more: approved when its open balance plus the
 * amount stays within its credit limit (equal is within), always when it has no limit, never when
 * it is on hold.
 *
 * @example
 * assessCredit({ creditLimit: 100000, openBalance: 70000, amount: 30000, onHold: false });
 * // { approved: true, reason: 'withinLimit', creditLimit: 100000, openBalance: 70000, amount: 30000,
 * //   exposure: 100000, available: 30000 }
 */
export function assessCredit(position: CreditPosition): CreditDecision {
  const { creditLimit, openBalance, amount, onHold } = position;
  const exposure = openBalance + amount;
  const base = {
    creditLimit: creditLimit ?? null,
    openBalance,
    amount,
    exposure,
    available: creditLimit === undefined ? null : creditLimit - openBalance,
  };
  if (onHold) return { approved: false, reason: 'accountOnHold', ...base };
  if (creditLimit === undefined) return { approved: true, reason: 'noLimit', ...base };
  const approved = exposure <= creditLimit;
  return { approved, reason: approved ? 'withinLimit' : 'overLimit', ...base };
}
