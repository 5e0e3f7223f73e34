import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The files and packages a module loads at run time, following value imports and re-exports
 * (type-only ones are erased by the compiler and load nothing).
 */
function runtimeImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?'([^']+)'/g;
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith('.json')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(statement)) {
      const [, typeOnly, specifier] = match;
      if (typeOnly || specifier === undefined) continue;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = join(dirname(file), specifier);
      const resolved = [base, `${base}.ts`, join(base, 'index.ts')].find(
        (candidate) => existsSync(candidate) && !candidate.endsWith('/') && /\.(ts|json)$/.test(candidate),
      );
      if (!resolved) throw new Error(`Cannot resolve ${specifier} from ${file}`);
      pending.push(resolved);
    }
  }
  return { files, packages };
}

test('the walk sees packages: validation loads ajv', () => {
  const { packages } = runtimeImports(join(__dirname, '..', 'validation', 'validate-definition.ts'));
  expect([...packages].sort()).toEqual(['ajv', 'ajv-formats', 'jsonata', 're2js']);
});

describe('the Temporal workflow bundle entry (workflows/interpreter)', () => {
  const { files, packages } = runtimeImports(join(__dirname, 'index.ts'));

  test('loads no package but jsonata and its linear-time regex engine: no ajv, no Node built-ins', () => {
    expect([...packages].sort()).toEqual(['jsonata', 're2js']);
  });

  test('loads nothing from validation/ and no test support', () => {
    const root = join(__dirname, '..');
    const loaded = [...files].map((file) => relative(root, file));
    expect(loaded).toEqual(
      expect.arrayContaining(['interpreter/scheduler.ts', 'expressions/parse-expression.ts']),
    );
    expect(loaded.filter((file) => file.startsWith('validation/'))).toEqual([]);
    expect(loaded.filter((file) => /fake-effects|test-request|bench-pure/.test(file))).toEqual([]);
  });
});
