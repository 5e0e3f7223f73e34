import { entityTypes, type EntityType } from './types/index.generated';
import type { EntitySchema } from './json-schema';
import accountSchema from './entities/account.schema.json';
import activitySchema from './entities/activity.schema.json';
import contactSchema from './entities/contact.schema.json';
import goodsReceiptSchema from './entities/goodsReceipt.schema.json';
import invoiceSchema from './entities/invoice.schema.json';
import leadSchema from './entities/lead.schema.json';
import opportunitySchema from './entities/opportunity.schema.json';
import paymentSchema from './entities/payment.schema.json';
import productSchema from './entities/product.schema.json';
import purchaseOrderSchema from './entities/purchaseOrder.schema.json';
import purchaseRequisitionSchema from './entities/purchaseRequisition.schema.json';
import quoteSchema from './entities/quote.schema.json';
import salesOrderSchema from './entities/salesOrder.schema.json';
import shipmentSchema from './entities/shipment.schema.json';
import stockItemSchema from './entities/stockItem.schema.json';
import supplierSchema from './entities/supplier.schema.json';
import supplierInvoiceSchema from './entities/supplierInvoice.schema.json';
import ticketSchema from './entities/ticket.schema.json';
import warehouseSchema from './entities/warehouse.schema.json';

/**
 * The entity schemas by type, imported statically so they work in the server, the worker and the browser
 * alike. Typing the map by {@link EntityType} makes a schema added without regenerating, or generated
 * without being listed here, a compile error.
 */
export const entitySchemas: Readonly<Record<EntityType, EntitySchema>> = {
  account: accountSchema as EntitySchema,
  activity: activitySchema as EntitySchema,
  contact: contactSchema as EntitySchema,
  goodsReceipt: goodsReceiptSchema as EntitySchema,
  invoice: invoiceSchema as EntitySchema,
  lead: leadSchema as EntitySchema,
  opportunity: opportunitySchema as EntitySchema,
  payment: paymentSchema as EntitySchema,
  product: productSchema as EntitySchema,
  purchaseOrder: purchaseOrderSchema as EntitySchema,
  purchaseRequisition: purchaseRequisitionSchema as EntitySchema,
  quote: quoteSchema as EntitySchema,
  salesOrder: salesOrderSchema as EntitySchema,
  shipment: shipmentSchema as EntitySchema,
  stockItem: stockItemSchema as EntitySchema,
  supplier: supplierSchema as EntitySchema,
  supplierInvoice: supplierInvoiceSchema as EntitySchema,
  ticket: ticketSchema as EntitySchema,
  warehouse: warehouseSchema as EntitySchema,
};

/** Whether a string (say, a URL segment) names an entity type. */
export function isEntityType(value: string): value is EntityType {
  return (entityTypes as readonly string[]).includes(value);
}

/**
 * The JSON Schema of an entity type: the stored document, system and computed fields included.
 *
 * @example
 * getEntitySchema('quote').properties.status.enum; // ['draft', 'pendingApproval', …]
 */
export function getEntitySchema(type: EntityType): EntitySchema {
  return entitySchemas[type];
}
