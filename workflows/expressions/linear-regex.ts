import { RE2JS } from 're2js';

/*
 * JSONata compiles `/…/` literals to JavaScript RegExps, whose backtracking makes `/(a+)+$/` take
 * time exponential in its input. JSONata lets the host supply the engine that runs them
 * (`RegexEngine`); this one is RE2JS, the JavaScript port of RE2, whose matching is linear in the
 * input. It is plain JavaScript, so the workflow sandbox runs it too. RE2 has no backreferences
 * and no lookaround: those patterns are refused when the expression is parsed.
 */

const compiled = new WeakMap<RegExp, RE2JS>();

/**
 * The RE2 program for a JSONata regex literal (flags `i` and `m`), compiled once per literal.
 * Throws RE2's syntax error for a feature RE2 lacks (backreferences, lookahead, lookbehind).
 */
export function linearProgram(literal: RegExp): RE2JS {
  const cached = compiled.get(literal);
  if (cached) return cached;
  let flags = 0;
  if (literal.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (literal.flags.includes('m')) flags |= RE2JS.MULTILINE;
  const program = RE2JS.compile(RE2JS.translateRegExp(literal.source), flags);
  compiled.set(literal, program);
  return program;
}

/** The part of RegExp's `exec` result that JSONata reads. */
type ExecResult = string[] & { index: number };

/**
 * A RegExp look-alike over RE2JS, with exactly the surface JSONata's regex closure uses:
 * `lastIndex` and `exec`, as for a global RegExp.
 */
export class LinearRegExp {
  lastIndex = 0;
  private readonly program: RE2JS;

  constructor(literal: RegExp) {
    this.program = linearProgram(literal);
  }

  exec(input: string): ExecResult | null {
    const matcher = this.program.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const result = [matcher.group(0) ?? ''] as ExecResult;
    for (let group = 1; group <= matcher.groupCount(); group++) {
      // An unmatched group reads as undefined, as with RegExp.
      result.push(matcher.group(group) ?? (undefined as unknown as string));
    }
    result.index = matcher.start(0);
    this.lastIndex = matcher.end(0);
    return result;
  }
}

/** The message of an RE2 syntax error, or of anything else `linearProgram` threw. */
export function regexErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `regular expression is not supported: ${message} (backreferences and lookaround are not available; see the README's Security section)`;
}

/**
 * The same linear-time engine for JSON Schema `pattern` and `patternProperties`, in the shape
 * ajv's `code.regExp` option takes. A designer's schema (a task form, a webhook payload) is
 * matched against user input, so its patterns must not backtrack either.
 *
 * @example
 * new Ajv({ code: { regExp: linearSchemaRegExp } });
 */
export function linearSchemaRegExp(pattern: string, _flags?: string): { test(input: string): boolean } {
  const program = RE2JS.compile(RE2JS.translateRegExp(pattern));
  return { test: (input: string) => program.matcher(input).find(0) };
}
linearSchemaRegExp.code = 'linearSchemaRegExp';
