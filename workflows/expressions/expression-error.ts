/**
 * What went wrong: `syntax` when the text does not parse (or uses a regex feature the linear-time
 * engine lacks), `evaluation` when JSONata raised an error while running it, `limit` when it ran
 * past one of its bounds (steps, depth, size, time) or its source is too big to parse safely.
 */
export type ExpressionErrorKind = 'syntax' | 'evaluation' | 'limit';

export interface ExpressionErrorInit {
  kind: ExpressionErrorKind;
  /**
   * JSONata's error code (`S0201`, `T1006`, …), `R0001` for an unsupported regex, or a limit:
   * `L0001` steps, `L0002` depth, `L0003` string size, `L0004` array size, `L0005` total
   * allocation, `L0006` wall time, `L0007` source size or nesting, `L0008` result nesting.
   */
  code: string;
  /** The JSONata source, without the leading `=`. */
  expression: string;
  /** JSONata's character position in the source, when it gives one. */
  position?: number;
  token?: string;
  /** JSONata's own message, e.g. `Attempted to invoke a non-function`. */
  detail: string;
  /** Where the expression sits, e.g. `params.cases[1].condition`. */
  path?: string;
}

/**
 * An expression that could not be parsed or evaluated. Thrown by evaluation and returned (never
 * thrown) by parsing, so that publish-time checks can collect every one of them.
 */
export class ExpressionError extends Error {
  readonly kind: ExpressionErrorKind;
  readonly code: string;
  readonly expression: string;
  readonly position: number | undefined;
  readonly token: string | undefined;
  readonly detail: string;
  readonly path: string | undefined;

  constructor(init: ExpressionErrorInit) {
    super(describe(init));
    this.name = 'ExpressionError';
    this.kind = init.kind;
    this.code = init.code;
    this.expression = init.expression;
    this.position = init.position;
    this.token = init.token;
    this.detail = init.detail;
    this.path = init.path;
  }

  /** The same error, located at a param path. */
  at(path: string): ExpressionError {
    return new ExpressionError({ ...this.toInit(), path });
  }

  /** A plain-data copy, for API responses and traces. */
  toJSON(): ExpressionErrorInit & { message: string } {
    return { ...this.toInit(), message: this.message };
  }

  private toInit(): ExpressionErrorInit {
    return {
      kind: this.kind,
      code: this.code,
      expression: this.expression,
      ...(this.position === undefined ? {} : { position: this.position }),
      ...(this.token === undefined ? {} : { token: this.token }),
      detail: this.detail,
      ...(this.path === undefined ? {} : { path: this.path }),
    };
  }
}

function describe(init: ExpressionErrorInit): string {
  const where = init.path === undefined ? '' : ` in ${init.path}`;
  const verb = init.kind === 'syntax' ? 'does not parse' : 'failed';
  const position = init.position === undefined ? '' : ` (position ${init.position})`;
  return `Expression${where} ${verb}: ${init.detail}${position}`;
}
