/**
 * The nearest-rank quantile of ascending `sorted` values: the smallest value at or above a
 * `q` share of them. Being always one of the values, the median never exceeds the p90.
 *
 * @example
 * nearestRank([1, 2, 3, 4], 0.5); // 2
 * nearestRank([1, 2, 3, 4], 0.9); // 4
 */
export function nearestRank(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
