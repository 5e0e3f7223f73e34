import type { JsonSchema } from '../definition/json-schema';
import type { NodeTypeDeclaration } from './node-type';
import { singleOutPort } from './node-type';
import {
  basisPointsParam,
  currencyParam,
  moneyAmountParam,
  paramsObject,
  recordIdParam,
  storeActivity,
} from './param-schemas';

/*
 * ERP/CRM steps that keep business invariants (stock never negative, gapless numbers) and so run
 * as activities on the server's domain services rather than as generic entity writes.
 */

const id = (title: string, description: string): JsonSchema => ({ ...recordIdParam, title, description });
const quantity: JsonSchema = { type: 'integer', title: 'Quantity', minimum: 1 };
const stockReference: JsonSchema = {
  type: 'string',
  title: 'Reference',
  description: 'What the stock is held for, e.g. a sales order number.',
};

export const erpCreditCheck: NodeTypeDeclaration = {
  type: 'erp.creditCheck',
  group: 'domain',
  label: 'Credit check',
  description: "Checks that an account's open balance plus an amount stays within its credit limit.",
  paramsSchema: paramsObject(
    {
      accountId: id('Account', 'The account to check.'),
      amount: moneyAmountParam,
      currency: currencyParam,
    },
    ['accountId', 'amount'],
  ),
  ports: singleOutPort,
  outputDescription:
    '{approved, reason (withinLimit, noLimit, overLimit or accountOnHold), creditLimit, openBalance, amount, exposure, available, currency}; amounts in minor units, creditLimit and available null when the account has no limit.',
  execution: 'activity',
  activity: storeActivity,
};

export const erpReserveStock: NodeTypeDeclaration = {
  type: 'erp.reserveStock',
  group: 'domain',
  label: 'Reserve stock',
  description:
    'Reserves stock for every line of a sales order, or a quantity of one product, all or nothing; a shortage fails with InsufficientStockError, or is reported when onShortage is "report".',
  paramsSchema: {
    ...paramsObject({
      orderId: id('Sales order', 'Reserve every line of this order.'),
      productId: id('Product', 'Reserve this product (with quantity).'),
      warehouseId: id(
        'Warehouse',
        "Default: the order's warehouse, then the product's default warehouse, then the only one it is stocked in.",
      ),
      quantity,
      reference: stockReference,
      onShortage: {
        type: 'string',
        title: 'On shortage',
        description:
          '"fail": the node fails with InsufficientStockError (to its error port if connected). "report": it reserves nothing and outputs the shortages.',
        enum: ['fail', 'report'],
        default: 'fail',
      },
    }),
    anyOf: [{ required: ['orderId'] }, { required: ['productId', 'quantity'] }],
  },
  ports: singleOutPort,
  outputDescription:
    '{reserved: true, reservationId, lines: [{productId, warehouseId, quantity}]}; with onShortage "report" and too little stock, {reserved: false, reservationId, shortages: [{productId, sku, warehouseId, requested, available, missing, preferredSupplierId, standardCost}]}.',
  execution: 'activity',
  activity: storeActivity,
  compensation: {
    activity: 'erp.releaseStock',
    description: 'Releases the reservation.',
    // A reported shortage reserved nothing, so there is nothing to undo.
    params: (_params, output) => {
      const result = output as { reservationId?: unknown; reserved?: unknown } | null | undefined;
      const reservationId = result?.reservationId;
      return typeof reservationId === 'string' && result?.reserved !== false ? { reservationId } : undefined;
    },
  },
};

export const erpReleaseStock: NodeTypeDeclaration = {
  type: 'erp.releaseStock',
  group: 'domain',
  label: 'Release stock',
  description: "Releases a reservation, an order's reservations, or a quantity of one product.",
  paramsSchema: {
    ...paramsObject({
      reservationId: id('Reservation', 'A reservationId that erp.reserveStock returned.'),
      orderId: id('Sales order', 'Release everything reserved for this order.'),
      productId: id('Product', 'Release this product (with quantity).'),
      warehouseId: id('Warehouse', "Default: the product's default warehouse."),
      quantity,
      reference: stockReference,
    }),
    anyOf: [
      { required: ['reservationId'] },
      { required: ['orderId'] },
      { required: ['productId', 'quantity'] },
    ],
  },
  ports: singleOutPort,
  outputDescription: '{released: [{productId, warehouseId, quantity}]}.',
  execution: 'activity',
  activity: storeActivity,
};

export const erpCreateInvoice: NodeTypeDeclaration = {
  type: 'erp.createInvoice',
  entityWrites: [{ type: 'invoice', action: 'create' }],
  group: 'domain',
  label: 'Create invoice',
  description:
    'Creates the invoice of a whole sales order (lines, discounts, tax), numbered from the gapless yearly sequence, due by the payment terms; an order is invoiced once.',
  paramsSchema: paramsObject(
    {
      salesOrderId: id('Sales order', 'The order to invoice.'),
      dueInDays: {
        type: 'integer',
        title: 'Due in days',
        description: "Overrides the order's payment terms.",
        minimum: 0,
        maximum: 365,
      },
      status: {
        type: 'string',
        title: 'Status',
        description: '"draft" to review it first, or "issued" so that it takes payments at once.',
        enum: ['draft', 'issued'],
        default: 'draft',
      },
    },
    ['salesOrderId'],
  ),
  ports: singleOutPort,
  outputDescription: 'The created invoice record.',
  execution: 'activity',
  activity: storeActivity,
};

export const erpThreeWayMatch: NodeTypeDeclaration = {
  type: 'erp.threeWayMatch',
  group: 'domain',
  label: 'Three-way match',
  description: 'Matches a supplier invoice against its purchase order and goods receipt, within tolerances.',
  paramsSchema: paramsObject(
    {
      purchaseOrderId: id('Purchase order', 'The order the supplier invoices.'),
      goodsReceiptId: id('Goods receipt', 'Default: every receipt against the purchase order.'),
      supplierInvoiceId: id('Supplier invoice', 'The invoice to match.'),
      quantityToleranceBp: { ...basisPointsParam, title: 'Quantity tolerance', default: 0 },
      priceToleranceBp: { ...basisPointsParam, title: 'Price tolerance', default: 0 },
    },
    ['purchaseOrderId', 'supplierInvoiceId'],
  ),
  ports: singleOutPort,
  outputDescription:
    '{matched, discrepancies: [{productId, kind (supplier, currency, notOrdered, notReceived, quantity or price), expected, actual, message}], reasons: [message], lines: [{productId, ordered, received, invoiced, orderedUnitPrice, invoicedUnitPrice}], goodsReceiptIds}.',
  execution: 'activity',
  activity: storeActivity,
};

export const crmConvertLead: NodeTypeDeclaration = {
  type: 'crm.convertLead',
  entityWrites: [
    { type: 'account', action: 'create' },
    { type: 'contact', action: 'create' },
    { type: 'opportunity', action: 'create' },
    { type: 'lead', action: 'update' },
  ],
  group: 'domain',
  label: 'Convert lead',
  description: 'Turns a qualified lead into an account and a contact, and optionally an opportunity.',
  paramsSchema: paramsObject(
    {
      leadId: id('Lead', 'The lead to convert.'),
      accountId: id('Existing account', 'Attach the contact to this account instead of creating one.'),
      createOpportunity: { type: 'boolean', title: 'Create opportunity', default: false },
      opportunityName: { type: 'string', title: 'Opportunity name', minLength: 1 },
      currency: { ...currencyParam, description: "For a new account and opportunity; default: the lead's." },
    },
    ['leadId'],
  ),
  ports: singleOutPort,
  outputDescription:
    '{leadId, accountId, contactId, opportunityId (null without one), possibleDuplicates: existing accounts and contacts that look alike}.',
  execution: 'activity',
  activity: storeActivity,
};
