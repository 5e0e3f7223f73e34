/**
 * Whether a condition's value holds, by JSONata's `$boolean` rules, so that a condition means the
 * same whether it is tested inside an expression or by a logic node: empty strings, zero, null,
 * empty arrays and objects without keys are false; an array is true when any member is.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return false;
}
