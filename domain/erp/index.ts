/** ERP business services the domain nodes run: credit, stock reservations, invoicing, three-way match. */
export { checkCredit } from './credit-check';
export type { CreditCheckRequest, CreditCheckResult } from './credit-check';
export { assessCredit } from './credit-rule';
export type { CreditDecision, CreditPosition, CreditReason } from './credit-rule';
export { createInvoiceFromOrder } from './create-invoice';
export { refuseCreditHold } from './credit-hold';
export type { CreateInvoiceRequest } from './create-invoice';
export { addDays, invoiceFromOrder } from './invoice-from-order';
export { openBalance, openInvoiceStatuses } from './open-balance';
export { releaseStockFor, reserveStockFor } from './stock-reservation';
export type { ReleaseRequest, ReorderShortage, ReserveRequest, ReserveResult } from './stock-reservation';
export { resolveStockLines } from './stock-request';
export type { StockRequest } from './stock-request';
export { threeWayMatch } from './three-way-match';
export type { ThreeWayMatchRequest, ThreeWayMatchResult } from './three-way-match';
export { matchThreeWay } from './three-way-match-rule';
export type { Discrepancy, DiscrepancyKind, MatchInput, MatchResult } from './three-way-match-rule';
