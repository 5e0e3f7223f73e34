import type jsonata from 'jsonata';
import { ExpressionError } from './expression-error';

/** How much work one node's expressions may do. */
export interface ExpressionLimits {
  /**
   * Evaluation steps across all of a node's params: one per AST node visited, plus one per element
   * of every array an evaluation step produces (a range such as `[1..1000000]` is one AST node but
   * a million elements of work).
   */
  maxSteps: number;
  /** Nesting of evaluation, which bounds recursion in user-defined functions. */
  maxDepth: number;
}

export const defaultExpressionLimits: Readonly<ExpressionLimits> = Object.freeze({
  maxSteps: 100_000,
  maxDepth: 200,
});

/**
 * The mutable counters of one budget. Wall time would be the obvious bound, but inside a Temporal
 * workflow activation the clock is frozen, so work is counted in evaluation steps instead; that
 * also makes the limit deterministic on replay.
 */
export interface EvaluationBudget {
  readonly limits: ExpressionLimits;
  steps: number;
  depth: number;
  /** The source being evaluated, for the error message. */
  expression: string;
}

/** A fresh budget. Share one across the expressions of one node's params. */
export function createBudget(limits: ExpressionLimits = defaultExpressionLimits): EvaluationBudget {
  return { limits, steps: 0, depth: 0, expression: '' };
}

/**
 * The binding that carries the budget into an evaluation. Its name contains a space, and JSONata
 * variable names end at whitespace, so no expression can reach it.
 */
export const BUDGET_BINDING = 'ledgerline budget';

const entryHook = Symbol.for('jsonata.__evaluate_entry');
const exitHook = Symbol.for('jsonata.__evaluate_exit');

/**
 * Makes a compiled expression count its work against the budget bound in each evaluation.
 * The hooks are installed once per compiled expression (which is cached and shared) and find
 * their budget through the evaluation's own environment, so concurrent evaluations of the same
 * expression never share counters.
 */
export function installBudgetHooks(expression: jsonata.Expression): void {
  // The typings only admit string names, but JSONata looks these hooks up by symbol.
  const assign = expression.assign.bind(expression) as (name: string | symbol, value: unknown) => void;
  assign(entryHook, (_node: unknown, _input: unknown, environment: jsonata.Environment) => {
    const budget = environment.lookup(BUDGET_BINDING) as EvaluationBudget | undefined;
    if (!budget) return;
    budget.steps += 1;
    budget.depth += 1;
    checkBudget(budget);
  });
  assign(exitHook, (_node: unknown, _input: unknown, environment: jsonata.Environment, result: unknown) => {
    const budget = environment.lookup(BUDGET_BINDING) as EvaluationBudget | undefined;
    if (!budget) return;
    budget.depth -= 1;
    if (Array.isArray(result)) {
      budget.steps += result.length;
      checkBudget(budget);
    }
  });
}

/**
 * Throws the limit error if the budget is spent. Also called after an evaluation failed, because
 * some JSONata functions ($eval) wrap the errors thrown inside them in their own.
 */
export function checkBudget(budget: EvaluationBudget): void {
  if (budget.steps > budget.limits.maxSteps) {
    throw limitError(budget, 'L0001', `exceeded the limit of ${budget.limits.maxSteps} evaluation steps`);
  }
  if (budget.depth > budget.limits.maxDepth) {
    throw limitError(budget, 'L0002', `exceeded the nesting depth limit of ${budget.limits.maxDepth}`);
  }
}

function limitError(budget: EvaluationBudget, code: string, detail: string): ExpressionError {
  return new ExpressionError({ kind: 'limit', code, expression: budget.expression, detail });
}
