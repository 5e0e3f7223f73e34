import type { Report, ReportDefinition } from './report-definition';

const shippedAt = '2026-12-01T00:00:00.000Z';

/** The id prefix of shipped reports; user reports get `rep_` ids, so the two never meet. */
export const builtInPrefix = 'builtin-';

const definitions: Record<string, ReportDefinition> = {
  'unpaid-invoices-past-due': {
    name: 'Unpaid invoices past due',
    description: 'Issued or partly paid invoices whose due date has passed, oldest first.',
    entityType: 'invoice',
    filters: [
      { field: 'status', op: 'in', value: ['issued', 'partiallyPaid'] },
      { field: 'dueDate', op: 'lt', value: 'today' },
    ],
    columns: ['number', 'accountId', 'dueDate', 'currency', 'total', 'amountDue', 'status'],
    sort: { field: 'dueDate', direction: 'asc' },
  },
  'open-purchase-orders-by-supplier': {
    name: 'Open purchase orders by supplier',
    description: 'Approved, sent or partly received purchase orders, grouped by supplier.',
    entityType: 'purchaseOrder',
    filters: [{ field: 'status', op: 'in', value: ['approved', 'sent', 'partiallyReceived'] }],
    columns: ['number', 'supplierId', 'orderDate', 'expectedDeliveryDate', 'status', 'currency', 'total'],
    sort: { field: 'expectedDeliveryDate', direction: 'asc' },
    groupBy: { field: 'supplierId', sums: ['total'] },
  },
  'stock-out': {
    name: 'Stock with nothing available',
    description: 'Stock items whose available quantity (on hand less reserved) is zero: reorder candidates.',
    entityType: 'stockItem',
    filters: [{ field: 'available', op: 'lte', value: 0 }],
    columns: ['productId', 'warehouseId', 'onHand', 'reserved', 'available', 'reorderPoint'],
    sort: { field: 'available', direction: 'asc' },
    groupBy: { field: 'warehouseId', sums: ['reserved'] },
  },
  'quotes-waiting-for-approval': {
    name: 'Quotes waiting for approval',
    description: 'Quotes pending a manager’s approval, oldest first.',
    entityType: 'quote',
    filters: [{ field: 'status', op: 'eq', value: 'pendingApproval' }],
    columns: ['number', 'accountId', 'quoteDate', 'validUntil', 'discountBp', 'currency', 'total'],
    sort: { field: 'quoteDate', direction: 'asc' },
  },
  'open-tickets-by-priority': {
    name: 'Open tickets by priority',
    description: 'New, open and pending tickets, grouped by priority.',
    entityType: 'ticket',
    filters: [{ field: 'status', op: 'in', value: ['new', 'open', 'pending'] }],
    columns: ['number', 'subject', 'priority', 'status', 'assigneeRole', 'resolutionDueAt'],
    sort: { field: 'resolutionDueAt', direction: 'asc' },
    groupBy: { field: 'priority', sums: [] },
  },
  'orders-on-credit-hold': {
    name: 'Orders on credit hold',
    description: 'Sales orders held for credit that are not cancelled or completed.',
    entityType: 'salesOrder',
    filters: [
      { field: 'creditHold', op: 'eq', value: true },
      { field: 'status', op: 'nin', value: ['cancelled', 'completed'] },
    ],
    columns: ['number', 'accountId', 'orderDate', 'status', 'currency', 'total'],
    sort: { field: 'orderDate', direction: 'asc' },
  },
};

/** The reports that ship with Ledgerline, read-only, for the dashboards to drill into. */
export const builtInReports: readonly Report[] = Object.entries(definitions).map(([slug, definition]) => ({
  _id: `${builtInPrefix}${slug}`,
  ...definition,
  builtIn: true,
  version: 1,
  createdAt: shippedAt,
  createdBy: 'system',
  updatedAt: shippedAt,
  updatedBy: 'system',
}));
