import type { WorkflowDefinition } from '../../workflows';
import { plannedWriteRefusals } from './planned-writes';
import { writeRefusals, type ControlledWrite } from './write-controls';

const update = (type: ControlledWrite['type'], before: object, next: object): ControlledWrite => ({
  type,
  action: 'update',
  before: before as Record<string, unknown>,
  next: { ...before, ...next },
});

describe('writeRefusals', () => {
  it('keeps a quote approval for sales managers, naming the move and who may', () => {
    const approve = update('quote', { status: 'pendingApproval', discountBp: 5000 }, { status: 'approved' });
    expect(writeRefusals(approve, ['sales'])).toEqual([
      {
        path: 'status',
        message:
          'Moving a quote from pendingApproval to approved is for salesManager, admin, not the roles sales',
        allowedRoles: ['salesManager', 'admin'],
      },
    ]);
    expect(writeRefusals(approve, ['salesManager'])).toEqual([]);
    expect(writeRefusals(approve, ['admin'])).toEqual([]);
    // Skipping the approval is the same control.
    expect(
      writeRefusals(update('quote', { status: 'draft' }, { status: 'approved' }), ['sales']),
    ).toHaveLength(1);
    expect(writeRefusals(update('quote', { status: 'draft' }, { status: 'sent' }), ['sales'])).toHaveLength(
      1,
    );
    expect(writeRefusals(update('quote', { status: 'approved' }, { status: 'sent' }), ['sales'])).toEqual([]);
  });

  it('lets sales change a discount only while the quote is a draft', () => {
    expect(
      writeRefusals(update('quote', { status: 'draft', discountBp: 0 }, { discountBp: 5000 }), ['sales']),
    ).toEqual([]);
    expect(
      writeRefusals(update('quote', { status: 'pendingApproval', discountBp: 0 }, { discountBp: 5000 }), [
        'sales',
      ]),
    ).toEqual([
      {
        path: 'discountBp',
        message: 'Setting quote discountBp outside draft is for salesManager, admin, not the roles sales',
        allowedRoles: ['salesManager', 'admin'],
      },
    ]);
    // An unchanged controlled field is no refusal, even in a deep value.
    const lines = [{ productId: 'p1', quantity: 2, unitPrice: 100 }];
    expect(
      writeRefusals(update('quote', { status: 'approved', lines }, { lines: structuredClone(lines) }), [
        'sales',
      ]),
    ).toEqual([]);
  });

  it('keeps credit limits and credit holds for finance, on create as on update', () => {
    const create: ControlledWrite = {
      type: 'account',
      action: 'create',
      before: undefined,
      next: { name: 'Acme', creditLimit: 1e15 },
    };
    expect(writeRefusals(create, ['sales']).map((r) => r.path)).toEqual(['creditLimit']);
    expect(writeRefusals(create, ['finance'])).toEqual([
      {
        path: '',
        message: 'The roles finance do not allow: create account (allowed: admin, sales, salesManager)',
        allowedRoles: ['admin', 'sales', 'salesManager'],
      },
    ]);
    expect(writeRefusals({ ...create, next: { name: 'Acme' } }, ['sales'])).toEqual([]);
    expect(writeRefusals(update('account', { creditLimit: 10 }, { creditLimit: 20 }), ['finance'])).toEqual(
      [],
    );
    expect(
      writeRefusals(update('salesOrder', { status: 'confirmed', creditHold: true }, { creditHold: false }), [
        'sales',
      ]),
    ).toHaveLength(1);
    // A new order at its default (no hold) is anyone's to create.
    const order: ControlledWrite = {
      type: 'salesOrder',
      action: 'create',
      before: undefined,
      next: { creditHold: false },
    };
    expect(writeRefusals(order, ['sales'])).toEqual([]);
  });

  it('keeps purchase approvals and supplier invoice payment for finance', () => {
    const po = update('purchaseOrder', { status: 'draft' }, { status: 'approved' });
    expect(writeRefusals(po, ['procurement']).map((r) => r.path)).toEqual(['status']);
    expect(writeRefusals(po, ['finance'])).toEqual([]);
    expect(
      writeRefusals({ type: 'purchaseOrder', action: 'create', before: undefined, next: {} }, ['finance']),
    ).toEqual([expect.objectContaining({ path: '', allowedRoles: ['admin', 'procurement'] })]);
    expect(
      writeRefusals(update('purchaseRequisition', { status: 'submitted' }, { status: 'approved' }), [
        'procurement',
      ]),
    ).toHaveLength(1);
    expect(
      writeRefusals(update('supplierInvoice', { status: 'matched' }, { status: 'approved' }), [
        'procurement',
      ]),
    ).toHaveLength(1);
    expect(
      writeRefusals(update('supplierInvoice', { status: 'approved' }, { status: 'paid' }), ['finance']),
    ).toEqual([]);
    expect(
      writeRefusals(update('purchaseOrder', { status: 'approved' }, { status: 'sent' }), ['procurement']),
    ).toEqual([]);
  });
});

describe('plannedWriteRefusals', () => {
  const definition = (nodes: WorkflowDefinition['nodes']): WorkflowDefinition => ({
    name: 'w',
    nodes: [{ id: 'start', type: 'trigger.manual', params: {} }, ...nodes],
    edges: [],
  });

  it('refuses at publish what the publisher could not write by hand', () => {
    const raise = definition([
      {
        id: 'raise',
        type: 'entity.update',
        params: { entityType: 'account', id: '=$input.id', changes: { creditLimit: 999999999 } },
      },
    ]);
    expect(plannedWriteRefusals(raise, ['designer'])).toEqual([
      expect.objectContaining({ nodeId: 'raise', path: 'params.entityType' }),
    ]);
    expect(plannedWriteRefusals(raise, ['sales'])).toEqual([
      expect.objectContaining({
        nodeId: 'raise',
        path: 'params.changes.creditLimit',
        allowedRoles: ['finance', 'admin'],
      }),
    ]);
    expect(plannedWriteRefusals(raise, ['admin'])).toEqual([]);
  });

  it('checks literal target statuses and domain nodes, and leaves expressions to run time', () => {
    const nodes = definition([
      {
        id: 'approve',
        type: 'entity.update',
        params: { entityType: 'quote', id: '=$input.id', changes: { status: 'approved' } },
      },
      {
        id: 'decide',
        type: 'entity.update',
        params: { entityType: 'quote', id: '=$input.id', changes: { status: '=$input.s' } },
      },
      {
        id: 'any',
        type: 'entity.update',
        params: { entityType: '=$input.type', id: '=$input.id', changes: { creditLimit: 1 } },
      },
      {
        id: 'quote',
        type: 'entity.create',
        params: { entityType: 'quote', data: { accountId: '=$input.a', discountBp: 100 } },
      },
      { id: 'invoice', type: 'erp.createInvoice', params: { salesOrderId: '=$input.o' } },
    ]);
    expect(plannedWriteRefusals(nodes, ['sales']).map((r) => `${r.nodeId} ${r.path}`)).toEqual([
      'approve params.changes.status',
      'invoice type',
    ]);
  });
});
