/**
 * Where a JSONata syntax error sits in `source`, to underline it: the token JSONata names, ending
 * at the position it reports; at the end of the expression (its `(end)` token), the last character.
 *
 * @example
 * errorRange('$input.amount >', 15, '(end)'); // { from: 14, to: 15 }: the dangling `>`
 */
export function errorRange(
  source: string,
  position: number | undefined,
  token?: string,
): { from: number; to: number } {
  const length = source.length;
  if (position === undefined || length === 0) return { from: 0, to: length };
  let end = Math.min(length, Math.max(1, position));
  const known = token !== undefined && token !== '(end)' && source.slice(0, end).endsWith(token);
  if (!known) {
    // Trailing spaces are not where the problem is.
    while (end > 1 && /\s/.test(source[end - 1]!)) end -= 1;
  }
  return { from: Math.max(0, end - (known ? Math.max(1, token.length) : 1)), to: end };
}
