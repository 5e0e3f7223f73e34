import { getEntityMeta } from './entity-metadata';
import { entityTypes, type EntityType } from './types/index.generated';

/**
 * The business documents and the order they follow one another in, one chain per process. Only these
 * types make up a record's related documents: master data (accounts, contacts, products, warehouses,
 * suppliers) is referenced by thousands of documents and would make every chain the whole store.
 */
export const documentChains = {
  quoteToCash: ['opportunity', 'quote', 'salesOrder', 'shipment', 'invoice', 'payment'],
  procurement: ['purchaseRequisition', 'purchaseOrder', 'goodsReceipt', 'supplierInvoice'],
} as const satisfies Record<string, readonly EntityType[]>;

/** Where a linked document stands, seen from the other end of the link. */
export type FlowDirection = 'upstream' | 'downstream';

/**
 * A reference between two document types: `from` records hold the id of a `to` record in `path`.
 * `direction` is where the `to` record stands in the flow, seen from the `from` record.
 */
export interface DocumentLink {
  from: DocumentType;
  path: string;
  to: DocumentType;
  direction: FlowDirection;
}

/** An entity type whose records are business documents. */
export type DocumentType = (typeof documentChains)[keyof typeof documentChains][number];

/** Every document type, in flow order: quote to cash first, then procurement. */
export const documentTypes: readonly DocumentType[] = Object.values(documentChains).flat();

/** Whether records of the type are business documents with related documents of their own. */
export function isDocumentType(type: string): type is DocumentType {
  return (documentTypes as readonly string[]).includes(type);
}

function chainOf(type: DocumentType): readonly DocumentType[] | undefined {
  return Object.values(documentChains).find((chain) => (chain as readonly DocumentType[]).includes(type));
}

/**
 * Which way a reference from one document type to another points. Inside a chain the chain's order
 * decides, so a quote's `salesOrderId` (written when the order is made from it) points downstream.
 * Across chains a document refers to the one it was made from: a requisition's `salesOrderId` names
 * the order whose shortage raised it, so the order is upstream of it.
 */
function directionOf(from: DocumentType, to: DocumentType): FlowDirection {
  const chain = chainOf(from);
  if (chain === undefined || chain !== chainOf(to)) return 'upstream';
  return chain.indexOf(to) < chain.indexOf(from) ? 'upstream' : 'downstream';
}

let links: readonly DocumentLink[] | undefined;

/**
 * The references between document types, read from the schemas' `x-ref` annotations (inside line
 * items too).
 *
 * @example
 * documentLinks().find((link) => link.from === 'payment');
 * // { from: 'payment', path: 'invoiceId', to: 'invoice', direction: 'upstream' }
 */
export function documentLinks(): readonly DocumentLink[] {
  if (links === undefined) {
    const found: DocumentLink[] = [];
    for (const from of entityTypes.filter(isDocumentType)) {
      for (const { path, target: to } of getEntityMeta(from).refs) {
        if (isDocumentType(to)) found.push({ from, path, to, direction: directionOf(from, to) });
      }
    }
    links = found;
  }
  return links;
}
