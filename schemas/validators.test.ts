import { getInputSchema, validateEntity } from './validators';

const stored = {
  _id: 'q1',
  version: 3,
  createdAt: '2026-01-05T10:00:00Z',
  updatedAt: '2026-01-06T10:00:00Z',
  createdBy: 'u1',
  updatedBy: 'u1',
  archived: false,
};
const quote = {
  number: 'QUO-2026-000123',
  accountId: 'a1',
  status: 'draft',
  currency: 'EUR',
  paymentTerms: 'net30',
  discountBp: 0,
  lines: [{ productId: 'p1', quantity: 2, unitPrice: 1000, discountBp: 0, taxRateBp: 1900, lineTotal: 2000 }],
  subtotal: 2000,
  discountTotal: 0,
  taxTotal: 380,
  total: 2380,
  ...stored,
};

describe("validateEntity(type, doc, 'create')", () => {
  it('fills in defaults on a copy and leaves the input alone', () => {
    const input = {
      accountId: 'a1',
      currency: 'EUR',
      lines: [{ productId: 'p1', quantity: 1, unitPrice: 500 }],
    };
    const before = structuredClone(input);

    expect(validateEntity('quote', input, 'create')).toEqual({
      ok: true,
      value: {
        accountId: 'a1',
        currency: 'EUR',
        lines: [{ productId: 'p1', quantity: 1, unitPrice: 500, discountBp: 0, taxRateBp: 0 }],
        status: 'draft',
        paymentTerms: 'net30',
        discountBp: 0,
      },
      stripped: [],
    });
    expect(input).toEqual(before);
  });

  it('strips system, computed and numbering fields a client sent back, and lists them', () => {
    const result = validateEntity('quote', quote, 'create');

    expect(result.ok && result.stripped).toEqual([
      'number',
      'lines.0.lineTotal',
      'subtotal',
      'discountTotal',
      'taxTotal',
      'total',
      '_id',
      'version',
      'createdAt',
      'updatedAt',
      'createdBy',
      'updatedBy',
      'archived',
    ]);
    expect(result.ok && result.value).toEqual({
      accountId: 'a1',
      status: 'draft',
      currency: 'EUR',
      paymentTerms: 'net30',
      discountBp: 0,
      lines: [{ productId: 'p1', quantity: 2, unitPrice: 1000, discountBp: 0, taxRateBp: 1900 }],
    });
  });

  it.each<[string, string, unknown, { path: string; message: string }[]]>([
    ['a document that is no object', 'account', [], [{ path: '', message: 'must be object' }]],
    [
      'missing required fields, by their own path',
      'quote',
      { lines: [{ productId: 'p1', unitPrice: 1 }] },
      [
        { path: 'accountId', message: 'is required' },
        { path: 'currency', message: 'is required' },
        { path: 'lines.0.quantity', message: 'is required' },
      ],
    ],
    [
      'unknown properties, by their own path',
      'quote',
      {
        accountId: 'a1',
        currency: 'EUR',
        approvedBy: 'x',
        lines: [{ productId: 'p1', quantity: 1, unitPrice: 1, sku: 'A' }],
      },
      [
        { path: 'approvedBy', message: 'is not an allowed property' },
        { path: 'lines.0.sku', message: 'is not an allowed property' },
      ],
    ],
    [
      'wrong types, ranges, enums and patterns',
      'quote',
      {
        accountId: 'a1',
        currency: 'euro',
        status: 'won',
        discountBp: 10001,
        lines: [{ productId: 'p1', quantity: 1.5, unitPrice: -1 }],
      },
      [
        {
          path: 'status',
          message:
            'must be one of: draft, pendingApproval, approved, rejected, sent, accepted, declined, expired, converted, cancelled',
        },
        { path: 'currency', message: 'must match pattern "^[A-Z]{3}$"' },
        { path: 'discountBp', message: 'must be <= 10000' },
        { path: 'lines.0.quantity', message: 'must be integer' },
        { path: 'lines.0.unitPrice', message: 'must be >= 0' },
      ],
    ],
    [
      'formats',
      'ticket',
      { subject: 'Broken', firstResponseDueAt: 'tomorrow', satisfactionScore: 6 },
      [
        { path: 'firstResponseDueAt', message: 'must match format "date-time"' },
        { path: 'satisfactionScore', message: 'must be <= 5' },
      ],
    ],
    [
      'a field another one depends on',
      'lead',
      { name: 'Ada', estimatedValue: 100000 },
      [{ path: 'currency', message: 'is required when estimatedValue is set' }],
    ],
    [
      'an email and a nested address',
      'account',
      {
        name: 'Acme',
        currency: 'EUR',
        email: 'not-an-email',
        billingAddress: { line1: 'Main St 1', country: 'Germany' },
      },
      [
        { path: 'email', message: 'must match format "email"' },
        { path: 'billingAddress.city', message: 'is required' },
        { path: 'billingAddress.country', message: 'must match pattern "^[A-Z]{2}$"' },
      ],
    ],
  ])('reports %s', (_case, type, doc, errors) => {
    expect(validateEntity(type as 'quote', doc, 'create')).toEqual({ ok: false, errors });
  });

  it('keeps a "__proto__" key as data, reported as unknown', () => {
    const doc: unknown = JSON.parse('{"name":"Acme","currency":"EUR","__proto__":{"isAdmin":true}}');
    expect(validateEntity('account', doc, 'create')).toEqual({
      ok: false,
      errors: [{ path: '__proto__', message: 'is not an allowed property' }],
    });
  });
});

describe("validateEntity(type, doc, 'replace')", () => {
  it('accepts a complete stored document as it is', () => {
    expect(validateEntity('quote', quote, 'replace')).toEqual({ ok: true, value: quote, stripped: [] });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'a document without server fields',
      { accountId: 'a1', currency: 'EUR', status: 'draft', paymentTerms: 'net30', discountBp: 0, lines: [] },
      [
        { path: 'number', message: 'is required' },
        { path: 'subtotal', message: 'is required' },
        { path: 'discountTotal', message: 'is required' },
        { path: 'taxTotal', message: 'is required' },
        { path: 'total', message: 'is required' },
        { path: '_id', message: 'is required' },
        { path: 'version', message: 'is required' },
        { path: 'createdAt', message: 'is required' },
        { path: 'updatedAt', message: 'is required' },
        { path: 'createdBy', message: 'is required' },
        { path: 'updatedBy', message: 'is required' },
        { path: 'archived', message: 'is required' },
      ],
    ],
    [
      'a missing default, which replace does not fill in',
      { ...quote, lines: [{ productId: 'p1', quantity: 1, unitPrice: 1, lineTotal: 1 }] },
      [
        { path: 'lines.0.discountBp', message: 'is required' },
        { path: 'lines.0.taxRateBp', message: 'is required' },
      ],
    ],
    [
      'a malformed number',
      { ...quote, number: 'Q-1' },
      [{ path: 'number', message: 'must match pattern "^QUO-[0-9]{4}-[0-9]{6,}$"' }],
    ],
  ])('reports %s', (_case, doc, errors) => {
    expect(validateEntity('quote', doc, 'replace')).toEqual({ ok: false, errors });
  });

  it('rejects negative available stock', () => {
    const item = { productId: 'p1', warehouseId: 'w1', onHand: 2, reserved: 3, available: -1, ...stored };
    expect(validateEntity('stockItem', item, 'replace')).toEqual({
      ok: false,
      errors: [{ path: 'available', message: 'must be >= 0' }],
    });
  });
});

describe('getInputSchema', () => {
  it.each([
    ['quote', ['accountId', 'currency']],
    ['stockItem', ['productId', 'warehouseId']],
    ['payment', ['invoiceId', 'accountId', 'amount', 'currency', 'method', 'receivedAt']],
    ['ticket', ['subject']],
  ] as const)('requires of %s only what a client must send', (type, required) => {
    expect(getInputSchema(type).required).toEqual(required);
  });

  it('has no read-only field at any depth', () => {
    const schema = getInputSchema('invoice');
    expect(Object.keys(schema.properties)).not.toContain('total');
    expect(Object.keys(schema.definitions?.line?.properties ?? {})).toEqual([
      'productId',
      'description',
      'quantity',
      'unitPrice',
      'discountBp',
      'taxRateBp',
    ]);
  });
});
