import type { ExpressionLimits } from './evaluation-budget';
import { createBudget, defaultExpressionLimits } from './evaluation-budget';
import type { EvaluationBudget } from './evaluation-budget';
import { evaluateExpression } from './evaluate-expression';
import type { ExpressionBindings } from './expression-bindings';
import { ExpressionError } from './expression-error';
import { expressionSource, literalValue } from './expression-syntax';
import type { PathSegment } from './param-path';
import { formatPath } from './param-path';
import { defineOwn } from './define-own';

export interface ResolveOptions {
  limits?: ExpressionLimits;
  /** The budget to count against, when the caller wants to read what was spent; else a fresh one. */
  budget?: EvaluationBudget;
  /** Top-level params left exactly as written, for nodes that evaluate them later themselves. */
  skip?: readonly string[];
}

/**
 * Deep-evaluates every expression in a node's params, one after another in key order, against one
 * shared budget; literals are copied (`==x` becomes `=x`). Rejects with an ExpressionError whose
 * path names the param, e.g. `params.cases[1].condition`.
 *
 * @example
 * await resolveParams({ id: '=$trigger.entity._id', changes: { status: 'approved' } }, bindings);
 * // { id: 'q-17', changes: { status: 'approved' } }
 */
export async function resolveParams(
  params: Readonly<Record<string, unknown>>,
  bindings: ExpressionBindings,
  options: ResolveOptions = {},
): Promise<Record<string, unknown>> {
  const budget = options.budget ?? createBudget(options.limits ?? defaultExpressionLimits);
  const skip = new Set(options.skip ?? []);
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const result = skip.has(key) ? value : await resolveValue(value, ['params', key], bindings, budget);
    // An expression that selects nothing leaves the param out, as JSON would.
    if (result !== undefined) defineOwn(resolved, key, result);
  }
  return resolved;
}

async function resolveValue(
  value: unknown,
  segments: PathSegment[],
  bindings: ExpressionBindings,
  budget: EvaluationBudget,
): Promise<unknown> {
  const source = expressionSource(value);
  if (source !== undefined) {
    try {
      return await evaluateExpression(source, bindings, budget);
    } catch (error: unknown) {
      throw error instanceof ExpressionError ? error.at(formatPath(segments)) : error;
    }
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) {
      items.push(await resolveValue(item, [...segments, index], bindings, budget));
    }
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = await resolveValue(item, [...segments, key], bindings, budget);
      if (resolved !== undefined) defineOwn(copy, key, resolved);
    }
    return copy;
  }
  return literalValue(value);
}
