import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const root = path.resolve(__dirname, '..');
/** Everything that can end up in the workflow sandbox. */
const sourceDirs = ['workflows', 'worker/workflows'];
export const workflowsEntry = path.join(__dirname, 'workflows', 'index.ts');

async function listSources(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** A content hash of the workflow sources and the lockfile: the bundle's cache key. */
export async function workflowSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [path.join(root, 'package-lock.json')];
  for (const dir of sourceDirs) files.push(...(await listSources(path.join(root, dir))));
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update(await fs.readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns the prebuilt workflow bundle, building it only when the workflow sources changed.
 * Webpack bundling takes seconds; a cached bundle lets a worker (and every test) start at once.
 */
export async function loadWorkflowBundle(
  options: {
    cacheDir?: string;
    progress?: (line: string) => void;
  } = {},
): Promise<WorkflowBundleWithSourceMap> {
  const cacheDir = options.cacheDir ?? path.join(root, 'dist', 'workflow-bundle');
  const file = path.join(cacheDir, `bundle-${await workflowSourceHash()}.json`);
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as WorkflowBundleWithSourceMap;
  } catch {
    options.progress?.('workflow bundle: building');
    const bundle = await bundleWorkflowCode({ workflowsPath: workflowsEntry, logger: quietLogger });
    await fs.mkdir(cacheDir, { recursive: true });
    // Write then rename, so concurrent builders never read a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(bundle));
    await fs.rename(tmp, file);
    return bundle;
  }
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
