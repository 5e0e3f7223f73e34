import type { EntityRepository } from '../entities';
import { EntityValidationError } from '../entities';
import { assessCredit, type CreditDecision } from './credit-rule';
import { openBalance } from './open-balance';

export interface CreditCheckRequest {
  accountId: string;
  /** The new order's amount, in minor units of the account's currency. */
  amount: number;
  /** When given, must be the account's currency: credit is never checked across currencies. */
  currency?: string;
}

export interface CreditCheckResult extends CreditDecision {
  accountId: string;
  currency: string;
}

/**
 * Checks an account's credit for a new order: its open balance (what it owes on open invoices) plus
 * the amount, against its credit limit. Reads only, so retries are always safe.
 *
 * @example
 * await checkCredit(repo, { accountId: 'acc-1', amount: 50000 });
 * // { approved: false, reason: 'overLimit', creditLimit: 100000, openBalance: 60000, amount: 50000,
 * //   exposure: 110000, available: 40000, accountId: 'acc-1', currency: 'EUR' }
 */
export async function checkCredit(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  request: CreditCheckRequest,
): Promise<CreditCheckResult> {
  const account = await repo.get('account', request.accountId);
  const currency = String(account.currency);
  if (request.currency !== undefined && request.currency !== currency) {
    const message = `must be the account's currency ${currency}; credit is not checked across currencies`;
    throw new EntityValidationError(
      `currency ${request.currency} is not the account's currency ${currency}`,
      [{ path: 'params.currency', message }],
    );
  }
  const decision = assessCredit({
    ...(typeof account.creditLimit === 'number' ? { creditLimit: account.creditLimit } : {}),
    openBalance: await openBalance(repo.db, request.accountId, currency),
    amount: request.amount,
    onHold: account.status === 'onHold',
  });
  return { ...decision, accountId: request.accountId, currency };
}
