import { collectExpressions } from './collect-expressions';
import { createBudget, defaultExpressionLimits } from './evaluation-budget';
import { evaluateExpression } from './evaluate-expression';
import type { ExpressionBindings } from './expression-bindings';
import { ExpressionError } from './expression-error';
import { expressionSource, isExpression, literalValue } from './expression-syntax';
import { formatPath } from './param-path';
import { parseExpression } from './parse-expression';
import { resolveParams } from './resolve-params';

const clock = () => Date.UTC(2025, 0, 31, 9, 30, 0, 250);

const bindings: ExpressionBindings = {
  trigger: { event: 'updated', entity: { _id: 'q-17', number: 'Q-2025-0017', discountBp: 1500 } },
  input: { note: 'rush' },
  nodes: { check: { approved: true, available: 120_000 } },
  vars: { total: 21 },
  run: { id: 'wf-1', workflowId: 'quote-approval', version: 3, startedAt: '2025-01-31T09:00:00.000Z' },
  context: { amount: 250 },
  clock,
};

describe('expression syntax', () => {
  test.each([
    ['=$x', true, '$x', '=$x'],
    ['==x', false, undefined, '=x'],
    ['=', true, '', '='],
    ['x=1', false, undefined, 'x=1'],
    [42, false, undefined, 42],
    [null, false, undefined, null],
  ])('%j: expression %s, source %j, literal %j', (value, expression, source, literal) => {
    expect(isExpression(value)).toBe(expression);
    expect(expressionSource(value)).toBe(source);
    if (!expression) expect(literalValue(value)).toBe(literal);
  });
});

describe('formatPath', () => {
  test.each([
    [['params', 'condition'], 'params.condition'],
    [['params', 'cases', 1, 'condition'], 'params.cases[1].condition'],
    [['values', 'first name'], 'values["first name"]'],
    [[0, 'x'], '[0].x'],
  ])('%j is %s', (segments, path) => {
    expect(formatPath(segments)).toBe(path);
  });
});

describe('parseExpression', () => {
  test('returns a compiled expression, cached by source', () => {
    const first = parseExpression('$vars.total + 1');
    const second = parseExpression('$vars.total + 1');
    expect(first.ok && second.ok && first.expression === second.expression).toBe(true);
  });

  test.each([
    [
      '$trigger.entity.total >',
      'S0207',
      23,
      'Expression does not parse: Unexpected end of expression (position 23)',
    ],
    [
      '($a := 1; $a(',
      'S0203',
      13,
      'Expression does not parse: Expected ")" before end of expression (position 13)',
    ],
    [
      '"unterminated',
      'S0101',
      13,
      'Expression does not parse: String literal must be terminated by a matching quote (position 13)',
    ],
  ])('%j is a syntax error %s at %d', (source, code, position, message) => {
    const parsed = parseExpression(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toBeInstanceOf(ExpressionError);
    expect(parsed.error).toMatchObject({ kind: 'syntax', code, position, expression: source, message });
  });
});

describe('evaluateExpression', () => {
  test.each([
    ['$trigger.entity.discountBp > 1000', true],
    ['"Approve quote " & $trigger.entity.number', 'Approve quote Q-2025-0017'],
    ['$nodes.check.approved', true],
    ['$vars.total * 2', 42],
    ['$input.note', 'rush'],
    ['$run.workflowId & "@" & $string($run.version)', 'quote-approval@3'],
    ['amount', 250],
    ['$.amount + 1', 251],
    ['[1, 2, 3].($ * 2)', [2, 4, 6]],
    ['{"a": [1, 2].($)}', { a: [1, 2] }],
    ['$nodes.missing', undefined],
    ['function($x) { $x }', undefined],
    ['{"keep": 1, "drop": function() { 1 }}', { keep: 1 }],
  ])('%s evaluates to %j', async (source, expected) => {
    await expect(evaluateExpression(source, bindings)).resolves.toEqual(expected);
  });

  test('results are plain arrays, not JSONata sequences', async () => {
    const result = await evaluateExpression('[1, 2].($ + 1)', bindings);
    expect(Object.keys(result as object)).toEqual(['0', '1']);
  });

  test('$now() and $millis() read the injected clock, not the wall clock', async () => {
    await expect(evaluateExpression('$now()', bindings)).resolves.toBe('2025-01-31T09:30:00.250Z');
    await expect(evaluateExpression('$millis()', bindings)).resolves.toBe(clock());
    await expect(evaluateExpression('$now("[Y0001]-[M01]-[D01]")', bindings)).resolves.toBe('2025-01-31');
    await expect(evaluateExpression('$now("[H01]:[m01]", "+0200")', bindings)).resolves.toBe('11:30');
  });

  test("an evaluation error carries code, position and JSONata's message", async () => {
    const error = await evaluateExpression('$vars.total($x)', bindings).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      kind: 'evaluation',
      code: 'T1006',
      position: 12,
      expression: '$vars.total($x)',
      message: 'Expression failed: Attempted to invoke a non-function (position 12)',
    });
  });

  test('a syntax error rejects with the syntax error', async () => {
    await expect(evaluateExpression('1 +', bindings)).rejects.toMatchObject({
      kind: 'syntax',
      code: 'S0207',
    });
  });

  test('counts the elements of arrays a step produces, so one big range is not one step', async () => {
    const budget = createBudget({ ...defaultExpressionLimits, maxSteps: 10_000 });
    await expect(evaluateExpression('$count([1..20000])', bindings, budget)).rejects.toMatchObject({
      code: 'L0001',
    });
  });

  test('stops a runaway loop at the step limit, deterministically', async () => {
    const source = '$map([1..400], function($v) { $v * 2 })';
    const spent = async () => {
      const budget = createBudget({ ...defaultExpressionLimits, maxSteps: 1000 });
      const error = await evaluateExpression(source, bindings, budget).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        kind: 'limit',
        code: 'L0001',
        message: 'Expression failed: exceeded the limit of 1000 evaluation steps',
      });
      return budget.steps;
    };
    const first = await spent();
    expect(first).toBeGreaterThan(1000);
    await expect(spent()).resolves.toBe(first);
  });

  test('stops unbounded recursion at the depth limit', async () => {
    const source = '($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000))';
    await expect(evaluateExpression(source, bindings)).rejects.toMatchObject({
      kind: 'limit',
      code: 'L0002',
      message: 'Expression failed: exceeded the nesting depth limit of 200',
    });
  });

  test('the default limits let ordinary recursion finish', async () => {
    const source = '($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(20))';
    await expect(evaluateExpression(source, bindings)).resolves.toBe(20);
  });

  test('$eval is bounded by the same budget', async () => {
    const budget = createBudget({ ...defaultExpressionLimits, maxSteps: 500 });
    await expect(
      evaluateExpression('$eval("$sum([1..1000].($ * 2))")', bindings, budget),
    ).rejects.toMatchObject({
      code: 'L0001',
    });
  });

  test('the budget binding cannot be named from an expression', async () => {
    expect(parseExpression('$ledgerline budget').ok).toBe(false);
    await expect(evaluateExpression('$keys($)', { ...bindings, context: {} })).resolves.toBeUndefined();
  });

  test('concurrent evaluations of one cached expression keep separate budgets', async () => {
    const source = '$sum([1..300])';
    const small = createBudget({ ...defaultExpressionLimits, maxSteps: 100 });
    const large = createBudget();
    const [failed, passed] = await Promise.allSettled([
      evaluateExpression(source, bindings, small),
      evaluateExpression(source, bindings, large),
    ]);
    expect(failed.status).toBe('rejected');
    expect(passed).toEqual({ status: 'fulfilled', value: 45150 });
  });
});

describe('collectExpressions', () => {
  test('finds expressions in nested objects and arrays with their paths', () => {
    const params = {
      entityType: 'quote',
      id: '=$trigger.entity._id',
      changes: { status: '=$vars.status', note: '==literal', count: 3 },
      cases: [
        { port: 'big', condition: '=$vars.total > 10' },
        { port: 'small', condition: true },
      ],
      values: { 'first name': '=$input.first' },
    };
    expect(collectExpressions(params).map(({ path, text }) => ({ path, text }))).toEqual([
      { path: 'id', text: '$trigger.entity._id' },
      { path: 'changes.status', text: '$vars.status' },
      { path: 'cases[0].condition', text: '$vars.total > 10' },
      { path: 'values["first name"]', text: '$input.first' },
    ]);
  });
});

describe('resolveParams', () => {
  test('evaluates every expression, deep, and unescapes literals', async () => {
    const params = {
      entityType: 'quote',
      id: '=$trigger.entity._id',
      changes: { status: 'approved', discount: '=$trigger.entity.discountBp / 100', note: '==1' },
      lines: [{ qty: '=$vars.total' }, 'plain'],
      missing: '=$nodes.nothing',
    };
    await expect(resolveParams(params, bindings)).resolves.toEqual({
      entityType: 'quote',
      id: 'q-17',
      changes: { status: 'approved', discount: 15, note: '=1' },
      lines: [{ qty: 21 }, 'plain'],
    });
  });

  test('leaves skipped params exactly as written', async () => {
    await expect(
      resolveParams({ id: '=$vars.total', condition: '=status = "paid"' }, bindings, { skip: ['condition'] }),
    ).resolves.toEqual({ id: 21, condition: '=status = "paid"' });
  });

  test('names the param path of a failing expression', async () => {
    const params = {
      cases: [
        { port: 'a', condition: true },
        { port: 'b', condition: '=$vars.total()' },
      ],
    };
    const error = await resolveParams(params, bindings).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      path: 'params.cases[1].condition',
      message:
        'Expression in params.cases[1].condition failed: Attempted to invoke a non-function (position 12)',
    });
  });

  test("shares one budget across all of a node's params", async () => {
    const params = { a: '=$sum([1..40])', b: '=$sum([1..40])' };
    await expect(
      resolveParams(params, bindings, { limits: { ...defaultExpressionLimits, maxSteps: 120 } }),
    ).rejects.toMatchObject({
      path: 'params.b',
      code: 'L0001',
    });
  });
});

describe('expressions cannot escape to JavaScript', () => {
  test.each([
    '$.constructor',
    'amount.constructor.constructor("return process")()',
    '$string.constructor',
    '$lookup($, "constructor")',
    '$lookup({}, "__proto__")',
    '$type($nodes.check.constructor)',
  ])('%s yields nothing', async (source) => {
    await expect(evaluateExpression(source, bindings)).resolves.toBeUndefined();
  });

  test('a "__proto__" key in params stays data', async () => {
    const params = JSON.parse('{"values": {"__proto__": {"polluted": "=$vars.total"}}}') as Record<
      string,
      unknown
    >;
    const resolved = await resolveParams(params, bindings);
    const values = resolved.values as Record<string, unknown>;
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toEqual({ polluted: 21 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
