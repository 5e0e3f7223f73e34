import type { EntityRecord, EntityRepository } from '../../../domain/entities';
import { openBalance } from '../../../domain/erp/open-balance';
import type { EntityType } from '../../../schemas';

/** A customer's whole story: what `GET /api/entities/account/:id/related` returns. */
export interface AccountRelated {
  account: EntityRecord;
  contacts: EntityRecord[];
  opportunities: EntityRecord[];
  quotes: EntityRecord[];
  orders: EntityRecord[];
  invoices: EntityRecord[];
  payments: EntityRecord[];
  tickets: EntityRecord[];
  /** Σ (total − amountPaid) over the account's issued and partially paid invoices in its currency. */
  openBalance: { amount: number; currency: string };
}

const sections: [keyof Omit<AccountRelated, 'account' | 'openBalance'>, EntityType][] = [
  ['contacts', 'contact'],
  ['opportunities', 'opportunity'],
  ['quotes', 'quote'],
  ['orders', 'salesOrder'],
  ['invoices', 'invoice'],
  ['payments', 'payment'],
  ['tickets', 'ticket'],
];

/** Records per section; the UI links to the filtered list for more. */
const sectionLimit = 200;

/**
 * Loads an account with its related records (newest first, unarchived) and its open balance. The
 * balance covers every open invoice, not just the listed ones.
 */
export async function loadAccountRelated(repo: EntityRepository, id: string): Promise<AccountRelated> {
  const account = await repo.get('account', id);
  const lists = await Promise.all(
    sections.map(([, type]) =>
      repo.list(type, { filters: [{ field: 'accountId', op: 'eq', value: id }], limit: sectionLimit }),
    ),
  );
  const currency = String(account.currency);
  const amount = await openBalance(repo.db, id, currency);
  const related = Object.fromEntries(sections.map(([key], i) => [key, lists[i]?.items ?? []]));
  return {
    account,
    ...(related as Omit<AccountRelated, 'account' | 'openBalance'>),
    openBalance: { amount, currency },
  };
}
