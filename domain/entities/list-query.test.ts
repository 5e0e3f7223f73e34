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
      'invalid list query: name name is not a filterable field of account',
    );
    const operator = { $gt: '' } as unknown as string;
    expect(() =>
      buildListFilter('account', { filters: [{ field: 'status', op: 'eq', value: operator }] }),
    ).toThrow('invalid list query: status must be a plain value');
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
