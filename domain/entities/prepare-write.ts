import type { Db } from 'mongodb';
import { getEntityMeta, validateEntity, type EntityType } from '../../schemas';
import {
  checkInitialStatus,
  checkNewPayment,
  checkTransition,
  computeAvailable,
  computeDueDate,
  computeTotals,
  deriveInvoicePayments,
  type PaymentTerms,
  type PaymentView,
  type PricedLine,
} from '../rules';
import { entityCollection, type StoredEntity } from './entity-document';
import { EntityValidationError, InvariantError } from './entity-errors';
import { checkReferences } from './references';

type Doc = Record<string, unknown>;

/**
 * Turns client fields into the business part of the document to store, enforcing every invariant in
 * order: schema (`create` mode strips read-only fields and fills defaults) → status (initial status or
 * allowed transition) → references → compute rules (totals, stock, invoice payments). System fields,
 * the document number and the final `replace` validation are the repository's.
 */
export async function prepareWrite(
  db: Db,
  type: EntityType,
  input: unknown,
  before: StoredEntity | undefined,
): Promise<Doc> {
  const checked = validateEntity(type, input, 'create');
  if (!checked.ok) throw new EntityValidationError(`invalid ${type}`, checked.errors);
  let doc = checked.value as unknown as Doc;
  checkStatus(type, doc, before);
  const refErrors = await checkReferences(db, type, doc, before);
  if (refErrors.length > 0)
    throw new InvariantError(`${type} references records that cannot be used`, refErrors);
  const meta = getEntityMeta(type);
  if (meta.computeRules.includes('totals'))
    doc = { ...doc, ...computeTotals(doc as { lines: PricedLine[] }) };
  if (meta.computeRules.includes('stock')) doc = withAvailable(doc);
  if (type === 'invoice') doc = await withPayments(db, withDueDate(doc), before?._id);
  if (type === 'payment') await checkPayment(db, doc, before);
  return doc;
}

function checkStatus(type: EntityType, doc: Doc, before: StoredEntity | undefined): void {
  const status = getEntityMeta(type).status;
  if (status === undefined) return;
  const to = String(doc[status.field]);
  const check =
    before === undefined
      ? checkInitialStatus(type, to)
      : checkTransition(type, String(before[status.field]), to);
  if (!check.ok)
    throw new InvariantError(check.error.message, [{ path: status.field, message: check.error.message }]);
}

function withAvailable(doc: Doc): Doc {
  const available = computeAvailable({ onHand: Number(doc.onHand), reserved: Number(doc.reserved) });
  if (available < 0) {
    const message = `reserved (${String(doc.reserved)}) cannot exceed onHand (${String(doc.onHand)})`;
    throw new InvariantError(message, [{ path: 'reserved', message }]);
  }
  return { ...doc, available };
}

function withDueDate(doc: Doc): Doc {
  if (doc.dueDate !== undefined || typeof doc.issueDate !== 'string') return doc;
  return { ...doc, dueDate: computeDueDate(doc.issueDate, doc.paymentTerms as PaymentTerms) };
}

/** Payments of an invoice that count for it: every unarchived one. */
export async function invoicePayments(db: Db, invoiceId: string, exceptId?: string): Promise<PaymentView[]> {
  const payments = await entityCollection(db, 'payment')
    .find({ invoiceId, archived: false }, { projection: { _id: 1, amount: 1, currency: 1, status: 1 } })
    .toArray();
  return payments.filter((p) => p._id !== exceptId) as unknown as PaymentView[];
}

async function withPayments(db: Db, doc: Doc, invoiceId: string | undefined): Promise<Doc> {
  const payments = invoiceId === undefined ? [] : await invoicePayments(db, invoiceId);
  const derived = deriveInvoicePayments(doc as never, payments);
  if (!derived.ok)
    throw new InvariantError(derived.error.message, [{ path: 'currency', message: derived.error.message }]);
  return { ...doc, ...derived.value };
}

async function checkPayment(db: Db, doc: Doc, before: StoredEntity | undefined): Promise<void> {
  const invoiceId = String(doc.invoiceId);
  const invoice = await entityCollection(db, 'invoice').findOne({ _id: invoiceId });
  if (invoice === null) return; // reported by the reference check
  if (invoice.accountId !== doc.accountId) {
    const message = `must be the invoice's account ${String(invoice.accountId)}`;
    throw new InvariantError(`payment account differs from invoice account`, [
      { path: 'accountId', message },
    ]);
  }
  const counted = doc.status === 'received' || doc.status === 'pending';
  const changedMoney =
    before === undefined ||
    before.invoiceId !== doc.invoiceId ||
    before.amount !== doc.amount ||
    before.currency !== doc.currency ||
    (before.status !== doc.status && counted);
  if (!changedMoney || !counted) return;
  const others = await invoicePayments(db, invoiceId, before?._id);
  const check = checkNewPayment(invoice as never, others, doc as unknown as PaymentView);
  if (!check.ok) {
    const path =
      check.error.code === 'overpayment'
        ? 'amount'
        : check.error.code === 'currencyMismatch'
          ? 'currency'
          : 'invoiceId';
    throw new InvariantError(check.error.message, [{ path, message: check.error.message }]);
  }
}
