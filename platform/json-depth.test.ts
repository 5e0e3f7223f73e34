import { jsonTooDeep, valueTooDeep } from './json-depth';

describe('jsonTooDeep', () => {
  test.each([
    ['{"a":[[1]]}', 2, { path: 'a.0', limit: 2 }],
    ['{"a":[1]}', 2, undefined],
    ['[1,2,{"x":{"y":{}}}]', 3, { path: '2.x.y', limit: 3 }],
    ['{"k\\"}":{"[[[":1}}', 2, undefined],
    ['{"a":{"b":1},"c":{"d":[{}]}}', 3, { path: 'c.d.0', limit: 3 }],
    ['"[[[[[["', 1, undefined],
  ])('%s with limit %d', (text, limit, expected) => {
    expect(jsonTooDeep(text, limit)).toEqual(expected);
  });

  test('10,000 levels are found at the limit, with a constant stack', () => {
    const text = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(jsonTooDeep(text)).toEqual({ path: Array(64).fill('a').join('.'), limit: 64 });
  });
});

describe('valueTooDeep', () => {
  test('finds the first path past the limit of a parsed value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { x: deep };
    expect(valueTooDeep({ ok: [1], deep }, 3)).toEqual({ path: 'deep.x.x', limit: 3 });
    expect(valueTooDeep({ a: { b: 1 } }, 3)).toBeUndefined();
  });
});
