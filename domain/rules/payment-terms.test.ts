import { getEntityMeta } from '../../schemas';
import { entityTypes } from '../../schemas/types/index.generated';
import { computeDueDate, paymentTermsValues, type PaymentTerms } from './payment-terms';

describe('computeDueDate', () => {
  it.each<[string, PaymentTerms, string]>([
    ['2026-03-10', 'dueOnReceipt', '2026-03-10'],
    ['2026-03-10', 'net7', '2026-03-17'],
    ['2026-03-10', 'net14', '2026-03-24'],
    ['2026-03-10', 'net15', '2026-03-25'],
    ['2026-03-10', 'net30', '2026-04-09'],
    ['2026-01-31', 'net30', '2026-03-02'],
    ['2026-12-15', 'net30', '2027-01-14'],
    ['2028-02-01', 'net30', '2028-03-02'], // leap year
    ['2026-03-10', 'net45', '2026-04-24'],
    ['2026-03-10', 'net60', '2026-05-09'],
    ['2026-03-10', 'net90', '2026-06-08'],
    ['2026-03-29', 'net7', '2026-04-05'], // across a daylight-saving change: calendar days, not hours
    ['2026-02-10', 'endOfMonth', '2026-02-28'],
    ['2028-02-10', 'endOfMonth', '2028-02-29'],
    ['2026-12-31', 'endOfMonth', '2026-12-31'],
    ['2026-01-31', 'endOfNextMonth', '2026-02-28'],
    ['2026-12-01', 'endOfNextMonth', '2027-01-31'],
  ])('%s with %s is due %s', (issueDate, terms, due) => {
    expect(computeDueDate(issueDate, terms)).toBe(due);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(() => computeDueDate(text, 'net30')).toThrow(
        new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`),
      );
    },
  );
});

describe('paymentTermsValues', () => {
  it.each(
    entityTypes.filter((type) => getEntityMeta(type).filterable.some((f) => f.path === 'paymentTerms')),
  )('equal the %s paymentTerms enum', (type) => {
    const field = getEntityMeta(type).filterable.find((f) => f.path === 'paymentTerms');
    expect(field?.enum).toEqual(paymentTermsValues);
  });
});
