import { expressionSource } from './expression-syntax';
import type { PathSegment } from './param-path';
import { formatPath } from './param-path';

/** An expression found in params: where it is and its JSONata source (without the `=`). */
export interface FoundExpression {
  /** Relative to the params object, e.g. `changes.status` or `cases[1].condition`. */
  path: string;
  segments: PathSegment[];
  text: string;
}

/**
 * Every expression in a params value, depth first in key order.
 *
 * @example
 * collectExpressions({ cases: [{ port: 'big', condition: '=$x > 1' }] });
 * // [{ path: 'cases[0].condition', segments: ['cases', 0, 'condition'], text: '$x > 1' }]
 */
export function collectExpressions(params: unknown): FoundExpression[] {
  const found: FoundExpression[] = [];
  walk(params, [], found);
  return found;
}

function walk(value: unknown, segments: PathSegment[], found: FoundExpression[]): void {
  const source = expressionSource(value);
  if (source !== undefined) {
    found.push({ path: formatPath(segments), segments, text: source });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...segments, index], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walk(item, [...segments, key], found);
  }
}
