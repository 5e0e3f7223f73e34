import { describeIssues, pointerToPath } from './validation-issues';

describe('pointerToPath', () => {
  it.each([
    ['', ''],
    ['/currency', 'currency'],
    ['/lines/0/quantity', 'lines.0.quantity'],
    ['/a~1b/c~0d', 'a/b.c~d'],
  ])('%j → %j', (pointer, path) => {
    expect(pointerToPath(pointer)).toBe(path);
  });
});

describe('describeIssues', () => {
  it.each([
    [[], 'valid'],
    [[{ path: '', message: 'must be object' }], 'document must be object'],
    [[{ path: 'currency', message: 'is required' }], 'currency is required'],
    [
      [
        { path: 'lines.0.quantity', message: 'must be >= 1' },
        { path: 'currency', message: 'is required' },
        { path: 'bogus', message: 'is not an allowed property' },
      ],
      'lines.0.quantity must be >= 1 (and 2 more)',
    ],
  ])('%j → %j', (issues, text) => {
    expect(describeIssues(issues)).toBe(text);
  });
});
