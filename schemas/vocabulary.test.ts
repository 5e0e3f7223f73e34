import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runSearchAttributes } from '../domain/workflows/start-run';
import { searchAttributes } from '../platform/temporal-search-attributes';
import { roles } from '../server/auth/actor';
import { entityTypeNames, roleNames, searchAttributeNames } from './vocabulary';

const root = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the shared vocabulary', () => {
  test('has one entity type per entity schema', () => {
    const schemas = readdirSync(path.join(__dirname, 'entities'))
      .filter((file) => file.endsWith('.schema.json'))
      .map((file) => file.replace('.schema.json', ''));
    expect([...entityTypeNames].sort()).toEqual(schemas.sort());
  });

  test('is the one role list the API server checks', () => {
    expect(roles).toBe(roleNames);
  });

  test('names the search attributes the platform registers and every run carries', () => {
    const names = Object.values(searchAttributeNames).sort();
    expect(Object.keys(searchAttributes).sort()).toEqual(names);
    expect(
      Object.values(runSearchAttributes)
        .map((key) => key.name)
        .sort(),
    ).toEqual(names);
  });

  test('is the only source of search attribute names: no file names one it does not know', () => {
    const known = new Set<string>(Object.values(searchAttributeNames));
    const unknown: string[] = [];
    for (const dir of ['server', 'worker', 'domain', 'platform', 'workflows', 'editor/src']) {
      for (const file of sourceFiles(dir)) {
        for (const [name] of readFileSync(file, 'utf8').matchAll(/\bLedgerline[A-Z][A-Za-z]+\b/g)) {
          if (!known.has(name)) unknown.push(`${path.relative(root, file)}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
