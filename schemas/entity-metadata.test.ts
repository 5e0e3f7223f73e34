import { getEntityMeta, type ReferenceField } from './entity-metadata';
import { keyName } from './unique-key';
import { entityTypes } from './types/index.generated';

const system = ['_id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archived'];

describe('getEntityMeta', () => {
  it('reads every annotation of stockItem', () => {
    expect(getEntityMeta('stockItem')).toEqual({
      type: 'stockItem',
      group: 'erp',
      label: 'Stock item',
      titleField: '_id',
      readOnlyPaths: ['available', ...system],
      computed: [{ path: 'available', rule: 'stock' }],
      computeRules: ['stock'],
      refs: [
        { path: 'productId', target: 'product' },
        { path: 'warehouseId', target: 'warehouse' },
      ],
      uniqueKeys: [{ fields: ['productId', 'warehouseId'] }],
      filterable: [
        { path: 'productId', type: 'string' },
        { path: 'warehouseId', type: 'string' },
        { path: 'available', type: 'integer' },
        { path: 'createdAt', type: 'string', format: 'date-time' },
        { path: 'updatedAt', type: 'string', format: 'date-time' },
        { path: 'archived', type: 'boolean' },
      ],
      searchable: [],
      duplicateFields: [],
      controlled: [],
    });
  });

  it('finds computed fields and references inside document lines', () => {
    const meta = getEntityMeta('invoice');
    expect(meta.computed).toEqual([
      { path: 'lines.*.lineTotal', rule: 'totals' },
      { path: 'subtotal', rule: 'totals' },
      { path: 'discountTotal', rule: 'totals' },
      { path: 'taxTotal', rule: 'totals' },
      { path: 'total', rule: 'totals' },
      { path: 'amountPaid', rule: 'payments' },
      { path: 'amountDue', rule: 'payments' },
    ]);
    expect(meta.computeRules).toEqual(['totals', 'payments']);
    expect(meta.refs).toEqual([
      { path: 'accountId', target: 'account' },
      { path: 'contactId', target: 'contact' },
      { path: 'salesOrderId', target: 'salesOrder' },
      { path: 'lines.*.productId', target: 'product' },
    ]);
    expect(meta.readOnlyPaths).toEqual([
      'number',
      'lines.*.lineTotal',
      'subtotal',
      'discountTotal',
      'taxTotal',
      'total',
      'amountPaid',
      'amountDue',
      ...system,
    ]);
  });

  it.each([
    [
      'account',
      [
        { path: 'name', kind: 'name' },
        { path: 'email', kind: 'email' },
      ],
    ],
    [
      'contact',
      [
        { path: 'name', kind: 'name' },
        { path: 'email', kind: 'email' },
      ],
    ],
    [
      'lead',
      [
        { path: 'name', kind: 'name' },
        { path: 'email', kind: 'email' },
      ],
    ],
    ['supplier', []],
  ] as const)('lists the duplicate-check fields of %s', (type, fields) => {
    expect(getEntityMeta(type).duplicateFields).toEqual(fields);
  });

  it('numbers documents with these prefixes', () => {
    const numbering = Object.fromEntries(
      entityTypes.flatMap((type) => {
        const n = getEntityMeta(type).numbering;
        return n === undefined ? [] : [[type, `${n.field}:${n.prefix}`]];
      }),
    );
    expect(numbering).toEqual({
      goodsReceipt: 'number:GRN',
      invoice: 'number:INV',
      payment: 'number:PAY',
      purchaseOrder: 'number:PO',
      purchaseRequisition: 'number:PR',
      quote: 'number:QUO',
      salesOrder: 'number:SO',
      shipment: 'number:SHP',
      supplierInvoice: 'number:BILL',
      ticket: 'number:TKT',
    });
  });

  it('has these unique keys', () => {
    const keys = Object.fromEntries(
      entityTypes.map((type) => [type, getEntityMeta(type).uniqueKeys.map((key) => keyName(key))]),
    );
    expect(keys).toEqual({
      account: [],
      activity: [],
      contact: [],
      lead: [],
      opportunity: [],
      supplier: [],
      warehouse: ['code'],
      product: ['sku'],
      stockItem: ['productId+warehouseId'],
      supplierInvoice: ['number', 'supplierId+supplierReference'],
      goodsReceipt: ['number'],
      invoice: ['number', 'salesOrderId'],
      payment: ['number', 'reference'],
      purchaseOrder: ['number'],
      purchaseRequisition: ['number'],
      quote: ['number'],
      salesOrder: ['number'],
      shipment: ['number'],
      ticket: ['number'],
    });
  });

  it('has these status fields, initial statuses and terminal statuses', () => {
    const statuses = Object.fromEntries(
      entityTypes.map((type) => {
        const s = getEntityMeta(type).status;
        if (s === undefined) return [type, null];
        const terminal = s.values.filter((value) => s.transitions[value]?.length === 0);
        return [type, { field: s.field, default: s.default, initial: s.initial, terminal }];
      }),
    );
    expect(statuses).toEqual({
      account: { field: 'status', default: 'active', initial: ['active'], terminal: [] },
      activity: { field: 'status', default: 'planned', initial: ['planned', 'done'], terminal: ['done'] },
      contact: null,
      goodsReceipt: {
        field: 'status',
        default: 'draft',
        initial: ['draft', 'posted'],
        terminal: ['posted', 'cancelled'],
      },
      invoice: { field: 'status', default: 'draft', initial: ['draft', 'issued'], terminal: ['cancelled'] },
      lead: { field: 'status', default: 'new', initial: ['new'], terminal: ['converted'] },
      opportunity: {
        field: 'stage',
        default: 'prospecting',
        initial: ['prospecting'],
        terminal: ['closedWon'],
      },
      payment: {
        field: 'status',
        default: 'received',
        initial: ['pending', 'received'],
        terminal: ['failed', 'refunded', 'cancelled'],
      },
      product: null,
      purchaseOrder: {
        field: 'status',
        default: 'draft',
        initial: ['draft'],
        terminal: ['closed', 'cancelled'],
      },
      purchaseRequisition: {
        field: 'status',
        default: 'draft',
        initial: ['draft'],
        terminal: ['ordered', 'cancelled'],
      },
      quote: { field: 'status', default: 'draft', initial: ['draft'], terminal: ['converted', 'cancelled'] },
      salesOrder: {
        field: 'status',
        default: 'draft',
        initial: ['draft'],
        terminal: ['completed', 'cancelled'],
      },
      shipment: {
        field: 'status',
        default: 'draft',
        initial: ['draft'],
        terminal: ['returned', 'cancelled'],
      },
      stockItem: null,
      supplier: { field: 'status', default: 'active', initial: ['active'], terminal: [] },
      supplierInvoice: {
        field: 'status',
        default: 'draft',
        initial: ['draft'],
        terminal: ['paid', 'cancelled'],
      },
      ticket: { field: 'status', default: 'new', initial: ['new'], terminal: ['closed'] },
      warehouse: null,
    });
  });

  it('is cached and frozen', () => {
    const meta = getEntityMeta('quote');
    expect(getEntityMeta('quote')).toBe(meta);
    expect(() => (meta.refs as ReferenceField[]).push({ path: 'x', target: 'account' })).toThrow(TypeError);
    expect(() => (meta.status!.transitions.draft as string[]).push('paid')).toThrow(TypeError);
  });
});
