import type { EvaluationBudget } from './evaluation-budget';
import { BUDGET_BINDING, checkBudget, createBudget, limitError } from './evaluation-budget';
import type { ExpressionBindings } from './expression-bindings';
import { boundVariableNames } from './expression-bindings';
import { ExpressionError } from './expression-error';
import { guardedFunctions } from './guarded-functions';
import { jsonataErrorDetails, parseExpression } from './parse-expression';
import { nestsDeeperThan, toJsonValue } from './to-json-value';

/**
 * Evaluates JSONata source (without its leading `=`) against bindings, counting its work against
 * a budget. Resolves to plain JSON data: JSONata sequences become arrays and functions are dropped.
 * Rejects with an ExpressionError (kind `syntax`, `evaluation` or `limit`); nothing the source
 * does can make it throw anything else, run without bound, or build an unbounded value.
 *
 * @example
 * await evaluateExpression('$vars.total * 2', { vars: { total: 21 }, clock: () => 0 }); // 42
 */
export async function evaluateExpression(
  source: string,
  bindings: ExpressionBindings,
  budget: EvaluationBudget = createBudget(),
): Promise<unknown> {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw parsed.error;
  budget.expression = source;
  let result: unknown;
  try {
    result = await parsed.expression.evaluate(bindings.context, variablesFor(bindings, budget));
  } catch (error: unknown) {
    if (error instanceof ExpressionError) throw error;
    checkBudget(budget);
    throw fromJsonataError(source, budget, error);
  }
  if (nestsDeeperThan(result, budget.limits.maxResultDepth)) {
    throw limitError(budget, 'L0008', `returned a value nested deeper than ${budget.limits.maxResultDepth}`);
  }
  return toJsonValue(result);
}

/**
 * JSONata reports its own errors as plain objects. A RangeError is V8 refusing a string or array
 * that outgrew what it can hold, or a stack that ran out: a bound, not a bug in the expression's logic.
 */
function fromJsonataError(source: string, budget: EvaluationBudget, error: unknown): ExpressionError {
  if (error instanceof RangeError) {
    return limitError(budget, 'L0005', `built a value too large to hold (${error.message})`);
  }
  const details = jsonataErrorDetails(error);
  return new ExpressionError({ kind: 'evaluation', expression: source, ...details });
}

function variablesFor(bindings: ExpressionBindings, budget: EvaluationBudget): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...guardedFunctions, [BUDGET_BINDING]: budget };
  for (const name of boundVariableNames) {
    if (bindings[name] !== undefined) variables[name] = bindings[name];
  }
  // JSONata reads the wall clock once per evaluation; read the injected one once too.
  const millis = bindings.clock();
  variables.millis = () => millis;
  variables.now = (picture?: string, timezone?: string) =>
    picture === undefined && timezone === undefined
      ? new Date(millis).toISOString()
      : formatMillis(millis, picture, timezone);
  return variables;
}

/** JSONata's own $fromMillis, so that $now(picture, timezone) formats exactly as JSONata would. */
async function formatMillis(millis: number, picture?: string, timezone?: string): Promise<unknown> {
  const parsed = parseExpression('$fromMillis($ms, $picture, $timezone)');
  if (!parsed.ok) throw parsed.error;
  return parsed.expression.evaluate(undefined, { ms: millis, picture, timezone });
}
