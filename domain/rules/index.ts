/** Pure ERP/CRM rules the entity repository and the worker's domain nodes call; no I/O here. */
export { applyBp, multiply, BP_SCALE } from './basis-points';
export { computeLineAmounts, computeTotals } from './compute-totals';
export type { DocumentTotals, LineAmounts, PricedLine } from './compute-totals';
export { formatDocumentNumber, numberingYear, parseDocumentNumber, sequenceKey } from './document-number';
export type { DocumentNumber } from './document-number';
export { findDuplicates, nameSimilarityBp, normaliseEmail, normaliseName } from './duplicate-match';
export type {
  DuplicateCandidate,
  DuplicateOptions,
  DuplicateProbe,
  DuplicateReason,
} from './duplicate-match';
export { checkNewPayment, deriveInvoicePayments } from './invoice-payments';
export type {
  InvoicePaymentState,
  InvoicePaymentView,
  PaymentRuleError,
  PaymentView,
} from './invoice-payments';
export { computeDueDate, paymentTermsValues } from './payment-terms';
export type { PaymentTerms } from './payment-terms';
export { allowedTransitions, checkInitialStatus, checkTransition } from './status-transitions';
export type { TransitionCheck, TransitionError } from './status-transitions';
export { applyStockMovement, computeAvailable, planStockMovement } from './stock';
export type { StockDelta, StockError, StockGuard, StockLevels, StockMovement, StockPlan } from './stock';
