import { createBudget, defaultExpressionLimits } from './evaluation-budget';
import { evaluateExpression } from './evaluate-expression';
import { ExpressionError } from './expression-error';
import { parseExpression } from './parse-expression';

const bindings = { clock: () => 0 };
const catastrophic = `"${'a'.repeat(40)}!"`;

/** What an expression that tries to exhaust its evaluator stops with: kind, code and message. */
async function stoppedWith(
  source: string,
  budget = createBudget(),
): Promise<Pick<ExpressionError, 'kind' | 'code' | 'detail'>> {
  try {
    await evaluateExpression(source, bindings, budget);
  } catch (error: unknown) {
    if (!(error instanceof ExpressionError)) throw error;
    return { kind: error.kind, code: error.code, detail: error.detail };
  }
  throw new Error(`${source} was not stopped`);
}

describe('every evaluation is bounded', () => {
  test.each([
    [
      'tail recursion',
      '($f := function($n){$f($n+1)}; $f(0))',
      'L0001',
      'exceeded the limit of 100000 evaluation steps',
    ],
    [
      'recursion',
      '($f := function($n){1 + $f($n+1)}; $f(0))',
      'L0002',
      'exceeded the nesting depth limit of 200',
    ],
    [
      'mutual recursion',
      '($a := function($n){$b($n+1)}; $b := function($n){1 + $a($n+1)}; $a(0))',
      'L0002',
      'exceeded the nesting depth limit of 200',
    ],
    [
      'string doubling',
      '($f := function($s,$n){$n=0?$s:$f($s&$s,$n-1)}; $length($f("a",27)))',
      'L0003',
      'would build a string of 1048576 characters, over the limit of 1000000',
    ],
    [
      '$pad to a huge width',
      '$length($pad("",1e7))',
      'L0003',
      'would build a string of 10000000 characters, over the limit of 1000000',
    ],
    [
      '$pad with a long padding text',
      '$pad("", 900000, "abcdefghijklmnopqrstuvwxyz")',
      'L0005',
      'built more than 20000000 characters and array elements in all',
    ],
    [
      '$join of many references to one big string',
      '($s := $pad("", 900000); $join([$s,$s,$s,$s,$s,$s,$s,$s,$s,$s]))',
      'L0003',
      'would build a string of 9000000 characters, over the limit of 1000000',
    ],
    [
      '$string of many references to one big string',
      '($s := $pad("", 900000); $string([$s,$s]))',
      'L0003',
      'would build a string of 1800007 characters, over the limit of 1000000',
    ],
    [
      '$replace with a long replacement at every match',
      '$replace($pad("", 500000, "a"), "a", $pad("", 1000, "b"))',
      'L0005',
      'built more than 20000000 characters and array elements in all',
    ],
    [
      'a huge range',
      '$count([1..10000000])',
      'L0004',
      'would build an array of 10000000 elements, over the limit of 100000',
    ],
    [
      'array doubling',
      '($f := function($a,$n){$n=0?$a:$f($append($a,$a),$n-1)}; $count($f([1],40)))',
      'L0001',
      'exceeded the limit of 100000 evaluation steps',
    ],
    [
      'a deeply nested result',
      '($f := function($o,$n){$n=0?$o:$f({"a":$o},$n-1)}; $f({},1000))',
      'L0008',
      'returned a value nested deeper than 64',
    ],
    [
      'deep $merge',
      '($f := function($o,$n){$n=0?$o:$f($merge([$o, {"k" & $string($n): $pad("", 90000)}]),$n-1)}; $f({},300))',
      'L0005',
      'built more than 20000000 characters and array elements in all',
    ],
    [
      '$eval of a deeply nested source',
      `$eval("${'('.repeat(500)}1${')'.repeat(500)}")`,
      'L0007',
      '$eval nests brackets 500 deep, over the limit of 100',
    ],
    [
      'a sort that never ends',
      '$sort([1..50000], function($a,$b){$a<$b})',
      'L0001',
      'exceeded the limit of 100000 evaluation steps',
    ],
  ])('%s stops at its bound', async (_name, source, code, detail) => {
    expect(await stoppedWith(source)).toEqual({ kind: 'limit', code, detail });
  });

  test('wall time is a backstop where a clock is given', async () => {
    let now = 0;
    // Each read of the clock moves it on 10 ms: the 1 s budget runs out after about 100 reads.
    const budget = createBudget(defaultExpressionLimits, () => (now += 10));
    expect(await stoppedWith('($f := function($n){$f($n+1)}; $f(0))', budget)).toEqual({
      kind: 'limit',
      code: 'L0006',
      detail: 'exceeded the time limit of 1000 ms',
    });
  });
});

describe('regular expressions run in linear time', () => {
  test.each([
    ['$match', `$match(${catastrophic}, /(a+)+$/)`, null],
    ['$contains', `$contains(${catastrophic}, /(a+)+$/)`, false],
    ['$replace', `$replace(${catastrophic}, /(a+)+$/, "x")`, `${'a'.repeat(40)}!`],
    ['$split', `$split(${catastrophic}, /(a+)+$/)`, [`${'a'.repeat(40)}!`]],
    ['$eval', `$eval('$contains(${catastrophic}, /(a+)+$/)')`, false],
  ])('a catastrophic pattern in %s answers at once', async (_name, source, expected) => {
    expect((await evaluateExpression(source, bindings)) ?? null).toEqual(expected);
  });

  test.each([
    ['$match(" ab12cd345 ", /[0-9]+/).match', ['12', '345']],
    ['$match("2026-12-04", /(\\d{4})-(\\d\\d)/).groups', ['2026', '12']],
    ['$replace("John Smith", /(\\w+)\\s(\\w+)/, "$2, $1")', 'Smith, John'],
    ['$contains("Hello", /^h/i)', true],
    ['$split("a1b22c", /[0-9]+/)', ['a', 'b', 'c']],
    ['$match("line1\\nline2", /^line\\d$/m).match', ['line1', 'line2']],
    ['$replace("Crème brûlée", /[éè]/, "e")', 'Creme brûlee'],
  ])('%s is JSONata as usual', async (source, expected) => {
    expect(await evaluateExpression(source, bindings)).toEqual(expected);
  });

  test.each([
    ['a backreference', '$match("aa", /(a)\\1/)'],
    ['a lookahead', '$match("ab", /a(?=b)/)'],
  ])('%s is refused when the expression is parsed, at its position', (_name, source) => {
    const parsed = parseExpression(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.kind).toBe('syntax');
    expect(parsed.error.code).toBe('R0001');
    expect(parsed.error.position).toBeGreaterThan(source.indexOf('/'));
    expect(parsed.error.message).toMatch(/^Expression does not parse: regular expression is not supported: /);
  });
});

describe('sources are checked before the recursive parser sees them', () => {
  test('a source nested too deep is a limit error', () => {
    const parsed = parseExpression(`${'('.repeat(150)}1${')'.repeat(150)}`);
    expect(parsed.ok ? undefined : parsed.error.toJSON()).toMatchObject({
      kind: 'limit',
      code: 'L0007',
      detail: 'source nests brackets 150 deep, over the limit of 100',
    });
  });

  test('brackets inside strings do not count', () => {
    expect(parseExpression(`"${'('.repeat(150)}" & "x"`).ok).toBe(true);
  });
});
