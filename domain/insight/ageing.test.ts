import { ageingBucket, daysSalesOutstanding } from './ageing';

describe('ageingBucket', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [400, '90+'],
  ])('puts %i days past due in %s', (days, bucket) => {
    expect(ageingBucket(days)).toBe(bucket);
  });
});

describe('daysSalesOutstanding', () => {
  it.each([
    [45_000, 90_000, 90, 45],
    [1, 3, 90, 30],
    [2, 3, 90, 60],
    [100, 0, 90, null],
  ])('owed %i of %i invoiced over %i days is %p days', (owed, invoiced, days, dso) => {
    expect(daysSalesOutstanding(owed, invoiced, days)).toBe(dso);
  });
});
