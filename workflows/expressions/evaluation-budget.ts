import type jsonata from 'jsonata';
import { ExpressionError } from './expression-error';

/** How much work one node's expressions may do. Every bound that trips is an ExpressionError of kind `limit`. */
export interface ExpressionLimits {
  /**
   * Evaluation steps across all of a node's params: one per AST node visited, plus one per element
   * of every array an evaluation step produces (a range such as `[1..1000000]` is one AST node but
   * a million elements of work).
   */
  maxSteps: number;
  /**
   * Nesting of evaluation, which bounds recursion in user-defined functions. It trips long before
   * V8's stack, including the smaller stack of the Temporal workflow sandbox.
   */
  maxDepth: number;
  /** Characters in any one string an evaluation builds. */
  maxStringLength: number;
  /** Elements in any one array an evaluation builds. */
  maxArrayLength: number;
  /**
   * Characters plus array elements built across the whole evaluation: a loop that builds many
   * strings just under the single-string bound still stops.
   */
  maxAllocation: number;
  /** Nesting of the value an evaluation returns. */
  maxResultDepth: number;
  /**
   * Wall time in milliseconds, a backstop enforced only where a real clock is given
   * (`createBudget(limits, performance.now)`): inside the workflow sandbox time stands still, and
   * the step bound alone keeps evaluation deterministic on replay.
   */
  maxMillis: number;
}

export const defaultExpressionLimits: Readonly<ExpressionLimits> = Object.freeze({
  maxSteps: 100_000,
  maxDepth: 200,
  maxStringLength: 1_000_000,
  maxArrayLength: 100_000,
  maxAllocation: 20_000_000,
  maxResultDepth: 64,
  maxMillis: 1_000,
});

/**
 * The limits inside a run. The workflow sandbox tracks every promise for Temporal's stack traces,
 * which makes each JSONata step there many times dearer than in a plain process, so a node's
 * expressions get a tenth of the steps; the run also hands its workflow task back after that many
 * steps without a pause (see `pace` in the interpreter's effects).
 */
export const workflowExpressionLimits: Readonly<ExpressionLimits> = Object.freeze({
  ...defaultExpressionLimits,
  maxSteps: 10_000,
});

/**
 * The mutable counters of one budget. Steps, depth and sizes are counted, not timed, so that a
 * limit trips at the same point on every replay of a run; wall time is checked only when a clock
 * was given.
 */
export interface EvaluationBudget {
  readonly limits: ExpressionLimits;
  steps: number;
  depth: number;
  allocated: number;
  /** The source being evaluated, for the error message. */
  expression: string;
  /** Monotonic milliseconds, when wall time is enforced. */
  readonly clock: (() => number) | undefined;
  /** When the clock passes this, evaluation stops. */
  readonly deadline: number;
}

/**
 * A fresh budget. Share one across the expressions of one node's params. Pass a monotonic clock
 * (outside the workflow sandbox) to enforce `maxMillis` as well.
 */
export function createBudget(
  limits: ExpressionLimits = defaultExpressionLimits,
  clock?: () => number,
): EvaluationBudget {
  return {
    limits,
    steps: 0,
    depth: 0,
    allocated: 0,
    expression: '',
    clock,
    deadline: clock === undefined ? Infinity : clock() + limits.maxMillis,
  };
}

/**
 * The binding that carries the budget into an evaluation. Its name contains a space, and JSONata
 * variable names end at whitespace, so no expression can reach it.
 */
export const BUDGET_BINDING = 'ledgerline budget';

/** The budget of the evaluation a native function or hook runs in. */
export function budgetOf(environment: jsonata.Environment): EvaluationBudget | undefined {
  return environment.lookup(BUDGET_BINDING) as EvaluationBudget | undefined;
}

const entryHook = Symbol.for('jsonata.__evaluate_entry');
const exitHook = Symbol.for('jsonata.__evaluate_exit');

/** How often (in steps) the wall clock is read: reading it on every step would cost more than the step. */
const CLOCK_EVERY = 64;

/*
 * AST node types whose result is a value the evaluation did not build: reading a variable, a
 * field or a literal shares what already exists. Everything else (calls, operators, constructors,
 * paths that gather a sequence) may have allocated its result.
 */
const sharingNodeTypes = new Set([
  'variable',
  'name',
  'string',
  'number',
  'value',
  'regex',
  'lambda',
  'bind',
]);

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
    const budget = budgetOf(environment);
    if (!budget) return;
    budget.steps += 1;
    budget.depth += 1;
    checkBudget(budget);
    if (budget.clock !== undefined && budget.steps % CLOCK_EVERY === 0) checkClock(budget);
  });
  assign(
    exitHook,
    (node: { type?: string }, _input: unknown, environment: jsonata.Environment, result: unknown) => {
      const budget = budgetOf(environment);
      if (!budget) return;
      budget.depth -= 1;
      if (Array.isArray(result)) {
        budget.steps += result.length;
        checkArrayLength(budget, result.length);
      } else if (typeof result === 'string') {
        checkStringLength(budget, result.length);
      }
      if (!sharingNodeTypes.has(node.type ?? '')) {
        if (typeof result === 'string') chargeAllocation(budget, result.length);
        else if (Array.isArray(result)) chargeAllocation(budget, result.length);
      }
      checkBudget(budget);
    },
  );
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
  if (budget.allocated > budget.limits.maxAllocation) {
    throw limitError(
      budget,
      'L0005',
      `built more than ${budget.limits.maxAllocation} characters and array elements in all`,
    );
  }
}

/** Throws when the budget's wall time has run out. */
export function checkClock(budget: EvaluationBudget): void {
  if (budget.clock !== undefined && budget.clock() > budget.deadline) {
    throw limitError(budget, 'L0006', `exceeded the time limit of ${budget.limits.maxMillis} ms`);
  }
}

/** Refuses a string longer than the bound, before or after it is built. */
export function checkStringLength(budget: EvaluationBudget, length: number): void {
  checkSize(budget, 'L0003', `a string of ${length} characters`, length, budget.limits.maxStringLength);
}

/** Refuses an array longer than the bound, before or after it is built. */
export function checkArrayLength(budget: EvaluationBudget, length: number): void {
  checkSize(budget, 'L0004', `an array of ${length} elements`, length, budget.limits.maxArrayLength);
}

function checkSize(budget: EvaluationBudget, code: string, what: string, size: number, limit: number): void {
  if (size > limit) throw limitError(budget, code, `would build ${what}, over the limit of ${limit}`);
}

/** Counts characters or elements the evaluation built towards `maxAllocation`. */
export function chargeAllocation(budget: EvaluationBudget, amount: number): void {
  budget.allocated += amount;
  checkBudget(budget);
}

/** A limit error for this budget's expression. */
export function limitError(budget: EvaluationBudget, code: string, detail: string): ExpressionError {
  return new ExpressionError({ kind: 'limit', code, expression: budget.expression, detail });
}
