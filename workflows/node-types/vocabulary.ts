/**
 * Names the node params schemas offer as choices. They mirror the entity types of SPEC §3 (whose
 * schemas live in `schemas/`) and the roles of SPEC §8; they are repeated here because `workflows/`
 * is bundled into the workflow sandbox and the editor and must not import server-side modules.
 * A test in `schemas/` or `server/` should check that the lists agree.
 */
export const entityTypeNames = [
  'account',
  'contact',
  'lead',
  'opportunity',
  'activity',
  'ticket',
  'product',
  'warehouse',
  'stockItem',
  'quote',
  'salesOrder',
  'shipment',
  'invoice',
  'payment',
  'supplier',
  'purchaseRequisition',
  'purchaseOrder',
  'goodsReceipt',
  'supplierInvoice',
] as const;

export const roleNames = [
  'admin',
  'designer',
  'sales',
  'salesManager',
  'finance',
  'procurement',
  'support',
  'supportLead',
  'viewer',
] as const;

/**
 * Failure types that retrying cannot fix. Activities report them as their failure type (Temporal
 * `ApplicationFailure` type); an error port receives them as `$error.type`.
 */
export const businessErrorTypes = ['ValidationError', 'NotFoundError', 'ConflictError', 'PermissionError'];
