import fs from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..', '..');

/** The folders that make up the server, the worker and the tools at run time. */
export const compiledDirs = ['domain', 'platform', 'schemas', 'server', 'worker', 'workflows'];

/** Where `npm run build` puts the production build; it mirrors the source tree. */
export const appDir = path.join(root, 'dist', 'app');

async function sources(dir: string): Promise<{ code: string[]; data: string[] }> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('tools-module'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  return {
    code: files.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')),
    // Read at run time or imported: templates, schemas and other JSON data.
    data: files.filter((file) => file.endsWith('.json') && !file.includes(`${path.sep}fixtures${path.sep}`)),
  };
}

/**
 * Compiles the TypeScript of the server, the worker and the tools to CommonJS in {@link appDir},
 * one JavaScript file per source file, and copies the JSON they read beside them.
 *
 * esbuild rather than tsc: it only strips types (the type check is `npm run typecheck`, which the
 * test command runs), so the whole tree compiles in about a second instead of tsc's full program
 * check, and one file per source keeps every `__dirname`-relative path (templates, the editor
 * assets, the workflow bundle) valid in the build.
 */
export async function compileApp(outDir = appDir): Promise<{ files: number }> {
  const found = await Promise.all(compiledDirs.map(sources));
  const code = found.flatMap((dir) => dir.code);
  await fs.rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: code,
    outdir: outDir,
    outbase: root,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    bundle: false,
    logLevel: 'warning',
  });
  for (const file of found.flatMap((dir) => dir.data)) {
    const target = path.join(outDir, path.relative(root, file));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(file, target);
  }
  return { files: code.length };
}
