import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findStaleFiles } from './stale-files';

describe('findStaleFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stale-files-'));
    writeFileSync(join(dir, 'a.generated.ts'), 'A');
    writeFileSync(join(dir, 'b.generated.ts'), 'B');
    writeFileSync(join(dir, 'gone.generated.ts'), 'G');
    writeFileSync(join(dir, 'README.md'), 'not generated');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['nothing when every file matches', { a: 'A', b: 'B', gone: 'G' }, []],
    ['a changed file', { a: 'A', b: 'B2', gone: 'G' }, ['b.generated.ts']],
    ['a missing file', { a: 'A', b: 'B', gone: 'G', c: 'C' }, ['c.generated.ts']],
    ['a file no longer generated', { a: 'A', b: 'B' }, ['gone.generated.ts']],
  ])('reports %s', (_case, contents: Record<string, string>, stale) => {
    const expected = new Map(Object.entries(contents).map(([name, text]) => [`${name}.generated.ts`, text]));
    expect(findStaleFiles(expected, dir, '.generated.ts')).toEqual(stale);
  });

  it('treats a missing folder as holding nothing', () => {
    expect(findStaleFiles(new Map([['a.generated.ts', 'A']]), join(dir, 'nope'), '.generated.ts')).toEqual([
      'a.generated.ts',
    ]);
  });
});
