import { entityTypes, getEntityMeta } from '.';
import { documentLinks, documentTypes, isDocumentType } from './document-flow';

describe('the document flow', () => {
  it('links the documents through their x-ref fields, each pointing up or down its flow', () => {
    const table = documentLinks().map((link) => `${link.from}.${link.path} → ${link.to} (${link.direction})`);
    expect(table).toEqual([
      'goodsReceipt.purchaseOrderId → purchaseOrder (upstream)',
      'invoice.salesOrderId → salesOrder (upstream)',
      'payment.invoiceId → invoice (upstream)',
      'purchaseOrder.requisitionId → purchaseRequisition (upstream)',
      'purchaseRequisition.purchaseOrderId → purchaseOrder (downstream)',
      'purchaseRequisition.salesOrderId → salesOrder (upstream)',
      'quote.opportunityId → opportunity (upstream)',
      'quote.salesOrderId → salesOrder (downstream)',
      'salesOrder.quoteId → quote (upstream)',
      'salesOrder.opportunityId → opportunity (upstream)',
      'shipment.salesOrderId → salesOrder (upstream)',
      'supplierInvoice.purchaseOrderId → purchaseOrder (upstream)',
    ]);
  });

  it('leaves master data out of every chain', () => {
    const masterData = entityTypes.filter((type) => !isDocumentType(type));
    expect(masterData).toEqual([
      'account',
      'activity',
      'contact',
      'lead',
      'product',
      'stockItem',
      'supplier',
      'ticket',
      'warehouse',
    ]);
    expect(documentLinks().filter((link) => !isDocumentType(link.to))).toEqual([]);
  });

  it('looks every link up by a top-level field the type can filter on', () => {
    for (const link of documentLinks()) {
      expect(getEntityMeta(link.from).filterable.map((field) => field.path)).toContain(link.path);
    }
    expect(documentTypes).toHaveLength(10);
  });
});
