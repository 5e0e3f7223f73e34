/**
 * How a param value says it is an expression: a string starting with `=` is JSONata
 * (`"=$trigger.entity.total > 1000"`); a string starting with `==` is a literal string starting
 * with `=` (`"==x"` is the text `=x`); every other value is a literal.
 */
export const EXPRESSION_PREFIX = '=';

/** Whether a param value is an expression (not an escaped literal). */
export function isExpression(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.startsWith(EXPRESSION_PREFIX) &&
    !value.startsWith(EXPRESSION_PREFIX + EXPRESSION_PREFIX)
  );
}

/**
 * The JSONata source of an expression param value, without its `=`; undefined for literals.
 *
 * @example
 * expressionSource('=$vars.total * 2'); // '$vars.total * 2'
 * expressionSource('==1'); // undefined: the literal text "=1"
 */
export function expressionSource(value: unknown): string | undefined {
  return isExpression(value) ? value.slice(EXPRESSION_PREFIX.length) : undefined;
}

/** The literal a non-expression param value stands for: `==x` means `=x`; anything else is itself. */
export function literalValue(value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(EXPRESSION_PREFIX + EXPRESSION_PREFIX)
    ? value.slice(EXPRESSION_PREFIX.length)
    : value;
}
