import { parseExpression } from '../model/core';
import { errorRange } from './expression-error-range';

/** The underlined text of a source JSONata rejects. */
function underlined(source: string): string {
  const parsed = parseExpression(source);
  if (parsed.ok) throw new Error(`${source} parses`);
  const { from, to } = errorRange(source, parsed.error.position, parsed.error.token);
  return source.slice(from, to);
}

describe('syntax error underline', () => {
  test.each([
    ['$input.amount >', '>'],
    ['$input.amount > ', '>'],
    ['$sum(1, 2', '2'],
    ['"open', 'n'],
  ])('%s underlines %j', (source, text) => {
    expect(underlined(source)).toBe(text);
  });

  test('no position underlines everything', () => {
    expect(errorRange('a b', undefined)).toEqual({ from: 0, to: 3 });
  });
});
