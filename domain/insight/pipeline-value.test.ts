import { weightedValue, winRateBp } from './pipeline-value';

describe('weightedValue', () => {
  it.each([
    [200_000, 'prospecting', null, 20_000],
    [200_000, 'qualification', null, 50_000],
    [200_000, 'proposal', null, 100_000],
    [200_000, 'negotiation', null, 150_000],
    [200_000, 'proposal', 2000, 40_000],
    [3, 'proposal', null, 2],
  ] as const)('weighs %i at %s with probability %p as %i', (amount, stage, bp, weighted) => {
    expect(weightedValue(amount, stage, bp)).toBe(weighted);
  });
});

describe('winRateBp', () => {
  it.each([
    [3, 1, 7500],
    [1, 2, 3333],
    [0, 0, null],
  ])('%i won and %i lost is %p', (won, lost, rate) => {
    expect(winRateBp(won, lost)).toBe(rate);
  });
});
