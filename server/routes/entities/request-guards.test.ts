import { HttpError } from '../../http/http-error';
import { assertNoOperatorKeys, parseIfMatch } from './request-guards';

describe('assertNoOperatorKeys', () => {
  it('names every operator or dotted key at any depth', () => {
    try {
      assertNoOperatorKeys({ name: { $gt: '' }, lines: [{ 'a.b': 1 }], ok: 'x' });
      throw new Error('did not throw');
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).details.map((d) => d.path)).toEqual(['name.$gt', 'lines.0.a.b']);
    }
  });

  it('accepts plain documents, including $ and dots inside values', () => {
    expect(() => assertNoOperatorKeys({ name: '$100 a.b', lines: [{ quantity: 1 }] })).not.toThrow();
  });
});

describe('parseIfMatch', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    [undefined, undefined],
    ['*', undefined],
  ])('reads %j as %j', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('refuses anything else naming the header', () => {
    expect(() => parseIfMatch('"abc"')).toThrow('If-Match must be a record version such as "3"');
  });
});
