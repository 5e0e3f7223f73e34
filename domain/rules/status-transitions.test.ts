import { getEntityMeta } from '../../schemas/entity-metadata';
import { entityTypes } from '../../schemas/types/index.generated';
import { allowedTransitions, checkInitialStatus, checkTransition } from './status-transitions';

describe('checkTransition', () => {
  it.each([
    ['invoice', 'draft', 'issued'],
    ['invoice', 'issued', 'paid'],
    ['invoice', 'paid', 'partiallyPaid'],
    ['quote', 'draft', 'approved'],
    ['quote', 'rejected', 'draft'],
    ['opportunity', 'closedLost', 'prospecting'],
    ['salesOrder', 'confirmed', 'confirmed'],
  ] as const)('allows %s %s -> %s', (type, from, to) => {
    expect(checkTransition(type, from, to)).toEqual({ ok: true });
  });

  it.each([
    [
      'invoice',
      'paid',
      'draft',
      {
        code: 'transitionNotAllowed',
        type: 'invoice',
        field: 'status',
        from: 'paid',
        to: 'draft',
        allowed: ['partiallyPaid', 'issued'],
        message: 'invoice status cannot change from paid to draft; allowed: partiallyPaid, issued',
      },
    ],
    [
      'quote',
      'converted',
      'draft',
      {
        code: 'transitionNotAllowed',
        type: 'quote',
        field: 'status',
        from: 'converted',
        to: 'draft',
        allowed: [],
        message: 'quote status cannot change from converted to draft; converted is final',
      },
    ],
    [
      'opportunity',
      'closedWon',
      'negotiation',
      {
        code: 'transitionNotAllowed',
        type: 'opportunity',
        field: 'stage',
        from: 'closedWon',
        to: 'negotiation',
        allowed: [],
        message: 'opportunity stage cannot change from closedWon to negotiation; closedWon is final',
      },
    ],
    [
      'invoice',
      'paid',
      'refunded',
      {
        code: 'unknownStatus',
        type: 'invoice',
        field: 'status',
        status: 'refunded',
        message: 'invoice status has no value refunded',
      },
    ],
    [
      'quote',
      'toString',
      'draft',
      {
        code: 'unknownStatus',
        type: 'quote',
        field: 'status',
        status: 'toString',
        message: 'quote status has no value toString',
      },
    ],
    [
      'product',
      'active',
      'inactive',
      { code: 'noStatusField', type: 'product', message: 'product has no status field' },
    ],
  ] as const)('refuses %s %s -> %s', (type, from, to, error) => {
    expect(checkTransition(type, from, to)).toEqual({ ok: false, error });
  });
});

describe('checkInitialStatus', () => {
  it.each([
    ['quote', 'draft', { ok: true }],
    ['invoice', 'issued', { ok: true }],
    ['payment', 'pending', { ok: true }],
    [
      'quote',
      'accepted',
      {
        ok: false,
        error: {
          code: 'initialStatusNotAllowed',
          type: 'quote',
          field: 'status',
          status: 'accepted',
          allowed: ['draft'],
          message: 'a new quote cannot have status accepted; allowed: draft',
        },
      },
    ],
    [
      'invoice',
      'paid',
      {
        ok: false,
        error: {
          code: 'initialStatusNotAllowed',
          type: 'invoice',
          field: 'status',
          status: 'paid',
          allowed: ['draft', 'issued'],
          message: 'a new invoice cannot have status paid; allowed: draft, issued',
        },
      },
    ],
  ] as const)('%s created as %s', (type, status, result) => {
    expect(checkInitialStatus(type, status)).toEqual(result);
  });
});

describe('allowedTransitions', () => {
  it.each([
    ['goodsReceipt', 'draft', ['posted', 'cancelled']],
    ['goodsReceipt', 'posted', []],
    ['goodsReceipt', 'nope', []],
    ['contact', 'anything', []],
  ] as const)('%s from %s', (type, from, allowed) => {
    expect(allowedTransitions(type, from)).toEqual(allowed);
  });
});

describe('status graphs', () => {
  it.each([...entityTypes])('every %s status is reachable from an initial status', (type) => {
    const status = getEntityMeta(type).status;
    if (status === undefined) return;
    const reached = new Set(status.initial);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reached]) {
        for (const to of status.transitions[from] ?? []) {
          if (!reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...status.values].filter((value) => !reached.has(value))).toEqual([]);
  });
});
