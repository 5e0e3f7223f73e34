/**
 * Errors that fail a run outright when they escape the interpreter: JavaScript's own error kinds.
 * Plain `Error` is not among them, because Temporal would then count non-determinism as one too.
 */
export const runFailureErrorTypes = [
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'EvalError',
  'URIError',
  'AggregateError',
  'ExpressionError',
] as const;

/** Whether `error`, escaping the interpreter, fails the run rather than its workflow task. */
export function failsTheRun(error: unknown): boolean {
  return error instanceof Error && (runFailureErrorTypes as readonly string[]).includes(error.name);
}
