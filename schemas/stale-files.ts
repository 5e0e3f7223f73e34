import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Compares freshly generated files with a folder: returns the names that differ, are missing, or exist in
 * the folder (matching `suffix`) without being generated any more. Sorted, so the report is stable.
 *
 * @example
 * findStaleFiles(new Map([['quote.generated.ts', '…']]), 'schemas/types', '.generated.ts'); // ['quote.generated.ts']
 */
export function findStaleFiles(expected: ReadonlyMap<string, string>, dir: string, suffix: string): string[] {
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(suffix)) : [];
  const changed = [...expected].filter(
    ([name, content]) => !present.includes(name) || readFileSync(join(dir, name), 'utf8') !== content,
  );
  const orphaned = present.filter((name) => !expected.has(name));
  return [...changed.map(([name]) => name), ...orphaned].sort();
}
