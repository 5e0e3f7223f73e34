import { buildListFilter, encodeCursor, escapeRegex } from './list-query';

describe('buildListFilter', () => {
  it('builds typed conditions, anchored escaped search and hides archived records', () => {
    expect(
      buildListFilter('invoice', {
        filters: [
          { field: 'status', op: 'in', value: ['issued', 'paid'] },
          { field: 'total', op: 'gte', value: 100 },
          { field: 'accountId', op: 'eq', value: 'a1' },
        ],
        q: 'INV-(2026',
      }),
    ).toEqual({
      $and: [
        { status: { $in: ['issued', 'paid'] } },
        { total: { $gte: 100 } },
        { accountId: 'a1' },
        { $or: [{ number: { $regex: '^INV\\-\\(2026', $options: 'i' } }] },
        { archived: false },
      ],
    });
  });

  it('refuses fields that are not filterable and values that are not scalars', () => {
    expect(() => buildListFilter('account', { filters: [{ field: 'name', op: 'eq', value: 'x' }] })).toThrow(
      'invalid list query: filters[0].field name is not a filterable field of account',
    );
    const operator = { $gt: '' } as unknown as string;
    expect(() =>
      buildListFilter('account', { filters: [{ field: 'status', op: 'eq', value: operator }] }),
    ).toThrow('invalid list query: filters[0].value must be text');
  });

  it('builds ne, nin, exists, ieq and nested and/or groups', () => {
    expect(
      buildListFilter('invoice', {
        where: {
          or: [
            { field: 'status', op: 'ne', value: 'cancelled' },
            {
              and: [
                { field: 'status', op: 'nin', value: ['draft', 'paid'] },
                { field: 'salesOrderId', op: 'exists', value: false },
                { field: 'number', op: 'ieq', value: 'inv-2026-000001' },
              ],
            },
          ],
        },
        includeArchived: true,
      }),
    ).toEqual({
      $and: [
        {
          $or: [
            { status: { $ne: 'cancelled' } },
            {
              $and: [
                { status: { $nin: ['draft', 'paid'] } },
                { salesOrderId: null },
                { number: { $regex: '^inv\\-2026\\-000001$', $options: 'i' } },
              ],
            },
          ],
        },
      ],
    });
  });

  it.each<[string, unknown, string]>([
    [
      'a value of the wrong type',
      { field: 'total', op: 'gte', value: '100' },
      'where.value must be an integer',
    ],
    [
      'a range on text',
      { field: 'status', op: 'gt', value: 'a' },
      'where.op gt applies to numbers and dates only',
    ],
    ['ieq on a number', { field: 'total', op: 'ieq', value: 1 }, 'where.op ieq applies to text fields only'],
    [
      'an unknown operator',
      { field: 'total', op: 'regex', value: 1 },
      'where.op must be one of eq, ne, gt, gte, lt, lte, in, nin, exists, ieq',
    ],
    ['exists with text', { field: 'total', op: 'exists', value: 'yes' }, 'where.value must be true or false'],
    ['an empty group', { or: [] }, 'where.or must be a non-empty list'],
    [
      'a bad member',
      {
        and: [
          { field: 'total', op: 'eq', value: 1 },
          { field: 'ghost', op: 'eq', value: 1 },
        ],
      },
      'where.and[1].field ghost is not a filterable field of invoice',
    ],
    [
      'groups nested 5 deep',
      { and: [{ and: [{ and: [{ and: [{ and: [] }] }] }] }] },
      'where.and[0].and[0].and[0].and[0] groups nest at most 4 deep',
    ],
  ])('refuses %s, naming its path', (_name, where, message) => {
    expect(() => buildListFilter('invoice', { where: where as never })).toThrow(
      `invalid list query: ${message}`,
    );
  });

  it('refuses more than 50 conditions', () => {
    const many = Array.from({ length: 51 }, () => ({ field: 'total', op: 'gte' as const, value: 1 }));
    expect(() => buildListFilter('invoice', { where: { and: many } })).toThrow(
      'invalid list query: where.and[50] at most 50 conditions',
    );
  });

  it('continues after the cursor in sort order, ties broken by id', () => {
    const cursor = encodeCursor('total', { _id: 'i9', version: 1, archived: false, total: 500 });
    expect(
      buildListFilter('invoice', { sort: { field: 'total', direction: 1 }, cursor, includeArchived: true }),
    ).toEqual({ $and: [{ $or: [{ total: { $gt: 500 } }, { total: 500, _id: { $gt: 'i9' } }] }] });
    expect(() => buildListFilter('invoice', { cursor: 'garbage' })).toThrow(
      'invalid list query: cursor is not a cursor this server issued',
    );
  });
});

describe('escapeRegex', () => {
  it('escapes every metacharacter', () => {
    expect(escapeRegex('a.b*c+(d)[e]{f}|g^h$i\\j?k/l-m')).toBe(
      'a\\.b\\*c\\+\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\\\j\\?k\\/l\\-m',
    );
  });
});
