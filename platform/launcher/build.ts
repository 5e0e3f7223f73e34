import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadWorkflowBundle, prebuiltBundleFile } from '../../worker/workflow-bundle';
import { appDir, compileApp } from './compile';

const root = path.resolve(__dirname, '..', '..');
const editorDir = path.join(root, 'editor');
const editorOutput = path.join(editorDir, 'dist', 'index.html');

async function newestMtime(target: string): Promise<number> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  const entries = await fs.readdir(target, { withFileTypes: true, recursive: true });
  let newest = stat.mtimeMs;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await fs.stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** True when a source the editor is built from is newer than the built app. */
export async function editorIsStale(): Promise<boolean> {
  const built = await newestMtime(editorOutput);
  if (built === 0) return true;
  const inputs = ['src', 'index.html', 'vite.config.mts', '../workflows', '../schemas/entities'];
  for (const input of inputs) {
    if ((await newestMtime(path.join(editorDir, input))) > built) return true;
  }
  return false;
}

/**
 * Runs a production `vite build` with the editor's config into `outDir`; `pageRoot` builds another
 * page of the editor (the benchmark page) instead of the app.
 */
export function viteBuild(
  outDir: string,
  options: { pageRoot?: string; quiet?: boolean } = {},
): Promise<void> {
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const args = [
    'build',
    ...(options.pageRoot === undefined ? [] : [options.pageRoot]),
    '--config',
    'editor/vite.config.mts',
    '--logLevel',
    options.quiet ? 'error' : 'warn',
    '--outDir',
    outDir,
  ];
  return new Promise<void>((resolve, reject) => {
    // Always React's production build: jest sets NODE_ENV=test, and the dist it builds is the one
    // `npm start` serves afterwards when its sources have not changed.
    const child = spawn(vite, args, {
      cwd: root,
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

/**
 * Builds the editor with Vite into editor/dist. It builds into a scratch directory and swaps it
 * in, so two instances started at once from one checkout never serve a half-written app.
 */
export async function buildEditor(progress: (line: string) => void): Promise<void> {
  progress('editor: building with Vite');
  const outDir = path.join(editorDir, `dist.build-${process.pid}`);
  await viteBuild(outDir);
  const dist = path.join(editorDir, 'dist');
  const old = `${dist}.old-${process.pid}`;
  await fs.rename(dist, old).catch(() => undefined);
  await fs.rename(outDir, dist);
  await fs.rm(old, { recursive: true, force: true });
}

/**
 * The production build in dist/app: the server, the worker and the tools compiled to JavaScript,
 * the editor assets and the workflow bundle beside them. It runs with `node dist/app/…` on the
 * `dependencies` alone.
 */
async function buildProduction(progress: (line: string) => void): Promise<void> {
  const { files } = await compileApp();
  progress(`compile: ${files} TypeScript files to JavaScript in ${path.relative(root, appDir)}`);
  const bundle = await loadWorkflowBundle({ progress });
  const bundleFile = path.join(appDir, path.relative(root, prebuiltBundleFile));
  await fs.writeFile(bundleFile, JSON.stringify(bundle));
  await fs.cp(path.join(editorDir, 'dist'), path.join(appDir, 'editor', 'dist'), { recursive: true });
}

/**
 * Builds what `npm start` needs and skips what is fresh: the editor and the workflow bundle. In
 * development the server and worker run from TypeScript source through tsx; `production` also
 * compiles them (see {@link buildProduction}).
 */
export async function buildAll(
  progress: (line: string) => void,
  options: { force?: boolean; production?: boolean } = {},
): Promise<void> {
  const started = Date.now();
  await Promise.all([
    (async () => {
      if (options.force || (await editorIsStale())) await buildEditor(progress);
    })(),
    loadWorkflowBundle({ progress }),
  ]);
  if (options.production) await buildProduction(progress);
  progress(`build: ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
