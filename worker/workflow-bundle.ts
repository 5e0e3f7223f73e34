import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const root = path.resolve(__dirname, '..');

/** The entry of a workflow bundle and every folder whose files can end up in it. */
export interface WorkflowSources {
  entry: string;
  /** Folders relative to the repository root; a change in any of them rebuilds the bundle. */
  dirs: string[];
}

/** The platform's workflow types: what `worker/main.ts` registers. */
export const appWorkflows: WorkflowSources = {
  entry: path.join(__dirname, 'workflows', 'index.ts'),
  dirs: ['workflows', 'worker/workflows', 'schemas'],
};
/**
 * The bundle `npm run build` writes beside the compiled worker. A production worker reads this
 * file and nothing else: it has neither the workflow sources nor a bundler's dev tooling to spare.
 */
export const prebuiltBundleFile = path.join(__dirname, 'workflow-bundle.json');

async function listSources(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Bundles the workflow code from its sources with the SDK's bundler (takes seconds). */
export function bundleWorkflows(
  sources: WorkflowSources = appWorkflows,
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: sources.entry, logger: quietLogger });
}

/** A content hash of the entry, the workflow sources and the lockfile: the bundle's cache key. */
export async function workflowSourceHash(sources: WorkflowSources = appWorkflows): Promise<string> {
  const hash = createHash('sha256');
  hash.update(path.relative(root, sources.entry));
  const files = [path.join(root, 'package-lock.json')];
  for (const dir of sources.dirs) files.push(...(await listSources(path.join(root, dir))));
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update(await fs.readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns the prebuilt workflow bundle: the production build's ({@link prebuiltBundleFile}) when
 * there is one, else the cached one, built only when the workflow sources changed. Webpack
 * bundling takes seconds; a cached bundle lets a worker (and every test) start at once.
 */
export async function loadWorkflowBundle(
  options: {
    cacheDir?: string;
    progress?: (line: string) => void;
    /** Another bundle than the platform's, such as the benchmark's. */
    sources?: WorkflowSources;
  } = {},
): Promise<WorkflowBundleWithSourceMap> {
  const sources = options.sources ?? appWorkflows;
  if (options.cacheDir === undefined && sources === appWorkflows) {
    const prebuilt = await fs.readFile(prebuiltBundleFile, 'utf8').catch(() => undefined);
    if (prebuilt !== undefined) return JSON.parse(prebuilt) as WorkflowBundleWithSourceMap;
  }
  const cacheDir = options.cacheDir ?? path.join(root, 'dist', 'workflow-bundle');
  const file = path.join(cacheDir, `bundle-${await workflowSourceHash(sources)}.json`);
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as WorkflowBundleWithSourceMap;
  } catch {
    options.progress?.('workflow bundle: building');
    const bundle = await bundleWorkflows(sources);
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
