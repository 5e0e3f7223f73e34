import { nearestRank } from './quantile';

test.each([
  [[], 0.5, undefined],
  [[7], 0.5, 7],
  [[7], 0.9, 7],
  [[1, 2, 3, 4], 0.5, 2],
  [[1, 2, 3, 4], 0.9, 4],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
])('nearestRank(%j, %d) is %j', (values, q, expected) => {
  expect(nearestRank(values, q)).toBe(expected);
});
