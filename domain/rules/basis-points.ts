/** 10000 basis points = 100%. */
export const BP_SCALE = 10_000;

/**
 * `amount × bp / 10000`, rounded half away from zero, in exact integer arithmetic.
 * BigInt keeps the intermediate product exact where a double would lose digits (a 10^12 amount times
 * 10^4 basis points is past 2^53); the result must fit a safe integer again or a RangeError is thrown.
 *
 * @example
 * applyBp(2997, 1000); // 300 (299.7)
 * applyBp(5, 1000); // 1 (0.5 rounds away from zero)
 * applyBp(-5, 1000); // -1
 */
export function applyBp(amount: number, bp: number): number {
  return divRound(toBigInt(amount, 'amount') * toBigInt(bp, 'basis points'), BigInt(BP_SCALE));
}

/**
 * `a × b` of two integers, exactly, as a safe integer; throws a RangeError when it does not fit.
 *
 * @example
 * multiply(3, 999); // 2997
 */
export function multiply(a: number, b: number): number {
  return toSafeNumber(toBigInt(a, 'factor') * toBigInt(b, 'factor'));
}

function divRound(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator; // has the sign of the numerator
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  return toSafeNumber(twice >= denominator ? quotient + (numerator < 0n ? -1n : 1n) : quotient);
}

function toBigInt(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return BigInt(value);
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${value} is larger than the largest safe integer`);
  }
  return Number(value);
}
