import jsonata from 'jsonata';
import { installBudgetHooks } from './evaluation-budget';
import { ExpressionError } from './expression-error';
import { LinearRegExp, linearProgram, regexErrorMessage } from './linear-regex';
import { checkSourceShape } from './source-shape';

/** A parsed JSONata expression, ready to evaluate. Opaque outside this folder. */
export type CompiledExpression = jsonata.Expression;

export type ParseResult =
  { ok: true; expression: CompiledExpression } | { ok: false; error: ExpressionError };

/*
 * Compiled expressions are cached by source: a workflow evaluates the same few expressions on
 * every visit, and parsing costs more than most evaluations. The cache is bounded because a
 * worker lives long and sees many workflow versions; Map iteration order makes it evict oldest
 * first.
 */
const MAX_CACHED = 1000;
const cache = new Map<string, CompiledExpression>();

/**
 * Parses JSONata source (the param value without its leading `=`).
 *
 * @example
 * const parsed = parseExpression('$trigger.entity.total >');
 * if (!parsed.ok) parsed.error.message; // 'Expression does not parse: Unexpected end of expression (position 23)'
 */
export function parseExpression(source: string): ParseResult {
  const cached = cache.get(source);
  if (cached) return { ok: true, expression: cached };
  const shape = checkSourceShape(source);
  if (shape !== undefined) {
    return {
      ok: false,
      error: new ExpressionError({
        kind: 'limit',
        code: 'L0007',
        expression: source,
        detail: `source ${shape}`,
      }),
    };
  }
  let expression: CompiledExpression;
  try {
    // JSONata's typings ask for the RegExp constructor; it only ever calls `new` and `exec`.
    expression = jsonata(source, { RegexEngine: LinearRegExp as unknown as RegExpConstructor });
  } catch (error: unknown) {
    return { ok: false, error: toSyntaxError(source, error) };
  }
  const regexError = unsupportedRegex(source, expression.ast());
  if (regexError) return { ok: false, error: regexError };
  installBudgetHooks(expression);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(source, expression);
  return { ok: true, expression };
}

/** The first regex literal RE2 cannot run, as a syntax error at its position. */
function unsupportedRegex(source: string, ast: unknown): ExpressionError | undefined {
  const pending: unknown[] = [ast];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const { type, value, position } = node as { type?: unknown; value?: unknown; position?: unknown };
    if (type === 'regex' && value instanceof RegExp) {
      try {
        linearProgram(value);
      } catch (error: unknown) {
        return new ExpressionError({
          kind: 'syntax',
          code: 'R0001',
          expression: source,
          detail: regexErrorMessage(error),
          ...(typeof position === 'number' ? { position } : {}),
        });
      }
    }
    for (const child of Object.values(node)) if (typeof child === 'object') pending.push(child);
  }
  return undefined;
}

function toSyntaxError(source: string, error: unknown): ExpressionError {
  const details = jsonataErrorDetails(error);
  return new ExpressionError({ kind: 'syntax', expression: source, ...details });
}

/** The code, message and position JSONata puts on the plain objects it throws. */
export function jsonataErrorDetails(error: unknown): {
  code: string;
  detail: string;
  position?: number;
  token?: string;
} {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    position?: unknown;
    token?: unknown;
  };
  return {
    code: typeof fields.code === 'string' ? fields.code : 'UNKNOWN',
    detail: typeof fields.message === 'string' ? fields.message : String(error),
    ...(typeof fields.position === 'number' ? { position: fields.position } : {}),
    ...(typeof fields.token === 'string' ? { token: fields.token } : {}),
  };
}
