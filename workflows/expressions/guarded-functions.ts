import jsonata from 'jsonata';
import type { EvaluationBudget } from './evaluation-budget';
import { budgetOf, chargeAllocation, checkStringLength, limitError } from './evaluation-budget';
import { checkSourceShape } from './source-shape';

/*
 * Most JSONata functions build results no bigger than their arguments, and the budget hooks check
 * each result after the fact. A few can build something far larger than anything they were given,
 * in one native call the hooks never see inside: `$pad` to a huge width, `$join` or `$string` over
 * many references to one big string, `$replace` with a long replacement at every match, `$eval` of
 * a source made at run time. These stand-ins compute the size first and refuse before building.
 * Each validates its arguments with the built-in's own signature and then calls the built-in, so
 * the results are exactly JSONata's.
 */

interface NativeFunction {
  _jsonata_function: true;
  implementation: (this: Focus, ...args: unknown[]) => unknown;
  signature?: { validate(args: unknown[], context: unknown): unknown[] };
}

/** What JSONata passes as `this` to a native function. */
interface Focus {
  environment: jsonata.Environment;
  input: unknown;
}

type GuardedName = 'pad' | 'join' | 'string' | 'replace' | 'eval';

let builtIns: Promise<Record<GuardedName, NativeFunction>> | undefined;

/** JSONata's own functions, read once from a bare expression (its function table is not exported). */
function loadBuiltIns(): Promise<Record<GuardedName, NativeFunction>> {
  builtIns ??= jsonata('{"pad": $pad, "join": $join, "string": $string, "replace": $replace, "eval": $eval}')
    .evaluate(undefined)
    .then((table: unknown) => table as Record<GuardedName, NativeFunction>);
  return builtIns;
}

type Check = (budget: EvaluationBudget, args: unknown[]) => void | Promise<void>;

function guarded(name: GuardedName, check: Check): NativeFunction {
  return {
    _jsonata_function: true,
    async implementation(this: Focus, ...args: unknown[]) {
      const builtIn = (await loadBuiltIns())[name];
      const validated = builtIn.signature ? builtIn.signature.validate(args, this.input) : args;
      const budget = budgetOf(this.environment);
      if (budget) await check(budget, validated);
      return builtIn.implementation.apply(this, validated);
    },
  };
}

const checkPad: Check = (budget, [text, width, padding]) => {
  if (typeof text !== 'string' || typeof width !== 'number') return;
  const size = Math.abs(Math.trunc(width));
  checkStringLength(budget, size);
  // JSONata repeats the whole padding text `size` times before cutting it to length.
  chargeAllocation(budget, size * Math.max(1, typeof padding === 'string' ? padding.length : 1));
};

const checkJoin: Check = (budget, [parts, separator]) => {
  if (!Array.isArray(parts)) return;
  const gap = typeof separator === 'string' ? separator.length : 0;
  let size = Math.max(0, parts.length - 1) * gap;
  for (const part of parts) size += typeof part === 'string' ? part.length : 0;
  checkStringLength(budget, size);
  chargeAllocation(budget, size);
};

const checkString: Check = (budget, [value]) => {
  if (value === null || typeof value !== 'object') return;
  const size = serializedSizeAtLeast(value, budget.limits.maxStringLength + 1);
  checkStringLength(budget, size);
  chargeAllocation(budget, size);
};

const checkReplace: Check = async (budget, [text, pattern, replacement, limit]) => {
  if (typeof text !== 'string' || typeof replacement !== 'string') return;
  // Each match scans the replacement text for `$` group references: work is matches × its length.
  const most = typeof limit === 'number' ? Math.min(limit, text.length + 1) : text.length + 1;
  if (most * replacement.length <= budget.limits.maxAllocation) return;
  const matches = await countMatches(text, pattern, most);
  chargeAllocation(budget, matches * replacement.length);
};

const checkEval: Check = (budget, [source]) => {
  if (typeof source !== 'string') return;
  const problem = checkSourceShape(source);
  if (problem !== undefined) throw limitError(budget, 'L0007', `$eval ${problem}`);
};

/** The guarded stand-ins, bound over the built-ins of the same names in every evaluation. */
export const guardedFunctions: Readonly<Record<GuardedName, NativeFunction>> = Object.freeze({
  pad: guarded('pad', checkPad),
  join: guarded('join', checkJoin),
  string: guarded('string', checkString),
  replace: guarded('replace', checkReplace),
  eval: guarded('eval', checkEval),
});

/** The matches `$replace` will make, up to `most`. Patterns are plain text or a linear-time regex. */
async function countMatches(text: string, pattern: unknown, most: number): Promise<number> {
  if (typeof pattern === 'string') {
    if (pattern === '') return most;
    let count = 0;
    for (
      let at = text.indexOf(pattern);
      at !== -1 && count < most;
      at = text.indexOf(pattern, at + pattern.length)
    ) {
      count += 1;
    }
    return count;
  }
  const matcher = pattern as (text: string) => Promise<RegexMatch | undefined> | RegexMatch | undefined;
  let count = 0;
  for (let match = await matcher(text); match !== undefined && count < most; match = await match.next()) {
    count += 1;
  }
  return count;
}

interface RegexMatch {
  next(): Promise<RegexMatch | undefined> | RegexMatch | undefined;
}

/**
 * A lower bound on the length of `JSON.stringify(value)`, exact up to `stopAt`: the walk ends as
 * soon as the size passes it, so measuring costs no more than the bound.
 */
export function serializedSizeAtLeast(value: unknown, stopAt: number): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && size < stopAt) {
    const item = pending.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean') size += String(item).length;
    else if (item === null) size += 4;
    else if (Array.isArray(item)) {
      size += 1 + item.length;
      for (const element of item) pending.push(element);
    } else if (typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        size += key.length + 4;
        pending.push(element);
      }
      size += 1;
    }
  }
  return size;
}
