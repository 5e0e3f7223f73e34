import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTypeFiles, typesDir } from './generate-types';
import { findStaleFiles } from './stale-files';

const suffix = '.generated.ts';

/**
 * `npm run gen`: regenerates schemas/types/ from schemas/entities/, removing generated files whose schema
 * is gone. With `--check` it writes nothing and exits 1 when the committed files are stale.
 */
async function main(check: boolean): Promise<void> {
  const files = await generateTypeFiles();
  const stale = findStaleFiles(files, typesDir, suffix);
  if (check) {
    if (stale.length === 0) return;
    const names = stale.map((name) => `schemas/types/${name}`).join(', ');
    throw new Error(`Generated types are stale: ${names}. Run \`npm run gen\` and commit the result.`);
  }
  mkdirSync(typesDir, { recursive: true });
  for (const name of stale) {
    const content = files.get(name);
    if (content === undefined) rmSync(join(typesDir, name));
    else writeFileSync(join(typesDir, name), content);
  }
  console.log(`schemas/types/: ${stale.length} of ${files.size} files updated`);
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
