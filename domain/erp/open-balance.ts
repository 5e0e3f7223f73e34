import type { Db } from 'mongodb';
import { entityCollection } from '../entities';

/** Invoice statuses that are owed: issued and not yet fully paid. */
export const openInvoiceStatuses = ['issued', 'partiallyPaid'] as const;

/**
 * What an account owes: Σ (total − amountPaid) over its unarchived issued and partially paid invoices
 * in `currency`, in minor units. The same figure the customer 360 view shows as the open balance.
 *
 * @example
 * await openBalance(db, 'acc-1', 'EUR'); // 4380
 */
export async function openBalance(db: Db, accountId: string, currency: string): Promise<number> {
  // Summed here rather than with $group: FerretDB v1 returned a wrong $sum for a second accumulator.
  const open = await entityCollection(db, 'invoice')
    .find(
      { accountId, archived: false, currency, status: { $in: [...openInvoiceStatuses] } },
      { projection: { total: 1, amountPaid: 1 } },
    )
    .toArray();
  return open.reduce((sum, invoice) => sum + Number(invoice.total ?? 0) - Number(invoice.amountPaid ?? 0), 0);
}
