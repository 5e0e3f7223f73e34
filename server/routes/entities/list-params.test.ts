import { HttpError } from '../../http/http-error';
import { parseListParams } from './list-params';

function detailsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof HttpError) return { status: error.status, details: error.details };
    throw error;
  }
  throw new Error('did not throw');
}

describe('parseListParams', () => {
  it('converts values to the field types', () => {
    expect(
      parseListParams('invoice', {
        status: 'issued',
        'total[gte]': '100',
        'dueDate[lt]': '2026-02-01',
        'paymentTerms[in]': 'net30,net60',
        archived: 'true',
        sort: '-total',
        limit: '10',
        q: 'INV',
      }),
    ).toEqual({
      filters: [
        { field: 'status', op: 'eq', value: 'issued' },
        { field: 'total', op: 'gte', value: 100 },
        { field: 'dueDate', op: 'lt', value: '2026-02-01' },
        { field: 'paymentTerms', op: 'in', value: ['net30', 'net60'] },
        { field: 'archived', op: 'eq', value: true },
      ],
      sort: { field: 'total', direction: -1 },
      limit: 10,
      q: 'INV',
    });
  });

  it.each([
    [{ colour: 'red' }, 'colour'],
    [{ status: 'bogus' }, 'status'],
    [{ 'total[gte]': 'ten' }, 'total[gte]'],
    [{ 'status[gte]': 'draft' }, 'status[gte]'],
    [{ 'total[$gt]': '1' }, 'total[$gt]'],
    [{ accountId: '{"$gt":""}' }, 'accountId'],
    [{ accountId: '$where' }, 'accountId'],
    [{ accountId: ['a', 'b'] }, 'accountId'],
    [{ accountId: { $gt: '' } }, 'accountId'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ sort: 'notes' }, 'sort'],
    [{ includeArchived: 'yes' }, 'includeArchived'],
    [{ 'dueDate[gt]': '31.01.2026' }, 'dueDate[gt]'],
  ])('refuses %j naming %s', (query, path) => {
    expect(detailsOf(() => parseListParams('invoice', query))).toMatchObject({
      status: 400,
      details: [{ path }],
    });
  });
});
