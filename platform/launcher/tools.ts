import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** A pinned external binary the platform runs: the Temporal CLI dev server or FerretDB. */
export interface ToolSpec {
  name: 'temporal' | 'ferretdb';
  version: string;
  /** Env variable holding an explicit path. */
  envVar: string;
  /** Go package built by `go build` inside the tool's pinned module, platform/launcher/tools-module/<name>. */
  goPackage: string;
  /** The Go module holding `goPackage`. */
  goModule: string;
  /**
   * Files the project's release pipeline generates and a module download lacks; a source build
   * writes them into a copy of the module that the build then uses through a `replace`.
   */
  generatedFiles?: Record<string, string>;
  /**
   * Edits the project applies to the tool's pinned source before building it, each replacing one
   * exact passage; a passage that is missing or occurs twice fails the build rather than guessing.
   */
  sourcePatches?: readonly SourcePatch[];
  /** Files the project adds to the tool's source: path in the source → file under tool-patches/<name>. */
  addedFiles?: Record<string, string>;
  /** Names the patched build in the cache, so a changed patch set is built afresh. */
  patchLevel?: string;
  /**
   * Official release download for machines with internet, or undefined when none fits this
   * platform. It is the last resort and carries none of `sourcePatches`.
   */
  downloadUrl: (
    platform: NodeJS.Platform,
    arch: string,
  ) => { url: string; archive: 'tar.gz' | 'binary' } | undefined;
}

/** One edit of a tool's source: `find` must occur exactly once in `file`. */
export interface SourcePatch {
  file: string;
  find: string;
  replace: string;
}

const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

export const toolSpecs: Record<ToolSpec['name'], ToolSpec> = {
  temporal: {
    name: 'temporal',
    version: '1.5.1',
    envVar: 'TEMPORAL_CLI_PATH',
    goPackage: 'github.com/temporalio/cli/cmd/temporal',
    goModule: 'github.com/temporalio/cli',
    downloadUrl: (platform, arch) =>
      goArch[arch] && (platform === 'linux' || platform === 'darwin')
        ? {
            url: `https://temporal.download/cli/archive/v1.5.1?platform=${platform}&arch=${goArch[arch]}`,
            archive: 'tar.gz',
          }
        : undefined,
  },
  ferretdb: {
    name: 'ferretdb',
    version: '1.24.2',
    envVar: 'FERRETDB_PATH',
    goPackage: 'github.com/FerretDB/FerretDB/cmd/ferretdb',
    goModule: 'github.com/FerretDB/FerretDB',
    // FerretDB embeds its version from a file its release tooling writes, and refuses to start without it.
    generatedFiles: { 'build/version/version.txt': 'v1.24.2\n' },
    // Two changes to the SQLite backend, so the data layer's reads are index searches:
    // - it indexes `_id` as `_ferretdb_sjson->"_id"` but queried it as `_ferretdb_sjson->'$._id'`.
    //   The two mean the same, yet SQLite matches index expressions by their text, so every lookup,
    //   update and delete by `_id` read the whole table. It now queries with the index's expression.
    // - it pushed down no other filter. Top-level string and boolean equalities (`{dispatched:
    //   false}`, `{_dupName: …}`) now become a prefilter on the indexed expression; FerretDB still
    //   filters every fetched document in full, so results are unchanged.
    sourcePatches: [
      {
        file: 'internal/backends/sqlite/metadata/metadata.go',
        find: `IDColumn = DefaultColumn + "->'$._id'"`,
        replace: `IDColumn = DefaultColumn + "->'_id'"`,
      },
      {
        file: 'internal/backends/sqlite/collection.go',
        find: '\tq += whereClause\n',
        replace:
          '\twhereClause, args = ledgerlinePushdown(params.Filter, whereClause, args)\n\tq += whereClause\n',
      },
      {
        file: 'internal/backends/sqlite/collection.go',
        find: '\torderByClause := prepareOrderByClause(params.Sort)\n',
        replace:
          '\twhereClause, args = ledgerlinePushdown(params.Filter, whereClause, args)\n' +
          '\tfilterPushdown = whereClause != ""\n' +
          '\torderByClause := prepareOrderByClause(params.Sort)\n',
      },
    ],
    addedFiles: {
      'internal/backends/sqlite/ledgerline_pushdown.go': 'ledgerline_pushdown.go',
    },
    patchLevel: 'pushdown-1',
    downloadUrl: (platform, arch) =>
      goArch[arch] && platform === 'linux'
        ? {
            url: `https://github.com/FerretDB/FerretDB/releases/download/v1.24.2/ferretdb-linux-${goArch[arch]}`,
            archive: 'binary',
          }
        : undefined,
  },
};

/** None of the ways to obtain a tool worked; the message says what to install. */
export class ToolUnavailableError extends Error {
  override name = 'ToolUnavailableError';
}

export interface EnsureToolOptions {
  /** Explicit path from env (step 1). */
  explicitPath: string | undefined;
  cacheDir: string;
  /** PATH to search (step 2). */
  searchPath: string | undefined;
  progress: (line: string) => void;
}

const toolsModulesDir = path.join(__dirname, 'tools-module');
const toolPatchesDir = path.join(__dirname, 'tool-patches');

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, fs.constants.X_OK);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Finds an executable on a PATH string, like `which`. */
export async function findOnPath(
  binary: string,
  searchPath: string | undefined,
): Promise<string | undefined> {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, binary);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; progress: (line: string) => void; label: string },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // go build is silent for minutes on a cold cache; a heartbeat shows it is alive.
    const heartbeat = setInterval(() => {
      options.progress(`${options.label}: still working (${Math.round((Date.now() - started) / 1000)}s)`);
    }, 20_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      resolve({ code: code ?? 1, output });
    });
  });
}

async function buildWithGo(
  spec: ToolSpec,
  targetDir: string,
  options: EnsureToolOptions,
): Promise<string | undefined> {
  const go = await findOnPath('go', options.searchPath);
  if (!go) {
    options.progress(`${spec.name}: no Go toolchain on PATH, skipping the source build`);
    return undefined;
  }
  const label = `${spec.name} ${spec.version}: go build`;
  const scratch = `${targetDir}.build-${process.pid}`;
  const moduleDir = path.join(scratch, 'module');
  const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  const step = async (args: string[], cwd: string) => {
    const result = await run(go, args, { cwd, env, progress: options.progress, label });
    if (result.code !== 0)
      options.progress(`${label} failed:\n${result.output.trim().split('\n').slice(-8).join('\n')}`);
    return result;
  };
  try {
    // The tools module pins the tool and its whole dependency graph (go.mod and go.sum), so the
    // build is reproducible and does not need the module proxy's version listing.
    await fs.cp(path.join(toolsModulesDir, spec.name), moduleDir, { recursive: true });
    if (spec.generatedFiles || spec.sourcePatches || spec.addedFiles) {
      const downloaded = await step(
        ['mod', 'download', '-json', `${spec.goModule}@v${spec.version}`],
        moduleDir,
      );
      if (downloaded.code !== 0) return undefined;
      const sourceDir = path.join(scratch, 'source');
      await fs.cp((JSON.parse(downloaded.output) as { Dir: string }).Dir, sourceDir, { recursive: true });
      for (const [file, content] of Object.entries(spec.generatedFiles ?? {})) {
        const target = path.join(sourceDir, file);
        await fs.chmod(path.dirname(target), 0o755);
        await fs.writeFile(target, content);
      }
      for (const [file, local] of Object.entries(spec.addedFiles ?? {})) {
        const target = path.join(sourceDir, file);
        await fs.chmod(path.dirname(target), 0o755);
        await fs.copyFile(path.join(toolPatchesDir, spec.name, local), target);
      }
      for (const patch of spec.sourcePatches ?? []) {
        const failure = await applySourcePatch(sourceDir, patch);
        if (failure) {
          options.progress(`${label}: ${failure}`);
          return undefined;
        }
      }
      if ((await step(['mod', 'edit', `-replace=${spec.goModule}=${sourceDir}`], moduleDir)).code !== 0)
        return undefined;
    }
    const output = path.join(scratch, 'bin', spec.name);
    for (const extra of [[], ['-ldflags=-checklinkname=0']]) {
      options.progress(`${label} ${extra.join(' ')}(the first build takes several minutes)`);
      if (
        (await step(['build', '-trimpath', ...extra, '-o', output, spec.goPackage], moduleDir)).code === 0
      ) {
        await fs.rm(targetDir, { recursive: true, force: true });
        await fs.rename(path.dirname(output), targetDir);
        return path.join(targetDir, spec.name);
      }
    }
    return undefined;
  } finally {
    await fs.chmod(scratch, 0o755).catch(() => undefined);
    await run('chmod', ['-R', 'u+w', scratch], { progress: options.progress, label: 'chmod' }).catch(
      () => undefined,
    );
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** Applies one source edit; answers why it could not, or undefined when it did. */
export async function applySourcePatch(sourceDir: string, patch: SourcePatch): Promise<string | undefined> {
  const target = path.join(sourceDir, patch.file);
  const text = await fs.readFile(target, 'utf8').catch(() => undefined);
  if (text === undefined) return `patch target ${patch.file} is missing`;
  const at = text.indexOf(patch.find);
  if (at < 0 || text.indexOf(patch.find, at + 1) >= 0)
    return `patch for ${patch.file} expects its passage exactly once, found it ${at < 0 ? 'nowhere' : 'more than once'}`;
  await fs.chmod(target, 0o644);
  await fs.writeFile(target, text.slice(0, at) + patch.replace + text.slice(at + patch.find.length));
  return undefined;
}

/** The tool's folder in the cache: its version, and its patch level when the source is patched. */
export function cachedToolDir(spec: ToolSpec, cacheDir: string): string {
  const build = spec.patchLevel ? `${spec.version}-${spec.patchLevel}` : spec.version;
  return path.join(cacheDir, 'tools', `${spec.name}-${build}`);
}

async function download(
  spec: ToolSpec,
  targetDir: string,
  options: EnsureToolOptions,
): Promise<string | undefined> {
  const source = spec.downloadUrl(process.platform, process.arch);
  if (!source) return undefined;
  options.progress(`${spec.name} ${spec.version}: downloading ${source.url}`);
  const tmpDir = `${targetDir}.download-${process.pid}`;
  try {
    const response = await fetch(source.url, { signal: AbortSignal.timeout(120_000) });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    await fs.mkdir(tmpDir, { recursive: true });
    const file = path.join(tmpDir, source.archive === 'tar.gz' ? 'archive.tar.gz' : spec.name);
    await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
    if (source.archive === 'tar.gz') {
      const result = await run('tar', ['-xzf', file, '-C', tmpDir], { ...options, label: 'tar' });
      if (result.code !== 0) throw new Error(result.output);
      await fs.rm(file);
    }
    await fs.chmod(path.join(tmpDir, spec.name), 0o755);
    await fs.rm(targetDir, { recursive: true, force: true });
    await fs.rename(tmpDir, targetDir);
    return path.join(targetDir, spec.name);
  } catch (error) {
    options.progress(`${spec.name}: download failed (${(error as Error).message})`);
    await fs.rm(tmpDir, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * Finds or obtains a pinned tool, in order: explicit path, PATH, the cache, a Go source build
 * into the cache, the official download. Idempotent: a second call is a cache hit.
 *
 * @example
 * const temporal = await ensureTool(toolSpecs.temporal, { explicitPath: undefined, cacheDir, searchPath: process.env.PATH, progress: console.log });
 */
export async function ensureTool(spec: ToolSpec, options: EnsureToolOptions): Promise<string> {
  if (options.explicitPath) {
    if (await isExecutable(options.explicitPath)) return options.explicitPath;
    throw new ToolUnavailableError(`${spec.envVar}=${options.explicitPath} is not an executable file`);
  }
  const onPath = await findOnPath(spec.name, options.searchPath);
  if (onPath) return onPath;
  const targetDir = cachedToolDir(spec, options.cacheDir);
  const cached = path.join(targetDir, spec.name);
  if (await isExecutable(cached)) return cached;
  await fs.mkdir(path.dirname(targetDir), { recursive: true });
  const obtained =
    (await buildWithGo(spec, targetDir, options)) ?? (await download(spec, targetDir, options));
  if (obtained) {
    options.progress(`${spec.name} ${spec.version}: ready at ${obtained}`);
    return obtained;
  }
  throw new ToolUnavailableError(
    `Could not obtain ${spec.name} ${spec.version}. Install Go 1.25+ (https://go.dev/dl) so it can be built from ` +
      `source, put a '${spec.name}' binary on PATH, or set ${spec.envVar} to its path.`,
  );
}

export interface Tools {
  temporal: string;
  /** undefined when the store does not need FerretDB (MONGO_URL set or mongod found). */
  ferretdb: string | undefined;
  mongod: string | undefined;
}

/**
 * Resolves every tool the embedded stack needs for a configuration. FerretDB is only obtained
 * when neither `MONGO_URL` nor a `mongod` binary is available.
 */
export async function ensureTools(config: {
  temporalCliPath: string | undefined;
  ferretdbPath: string | undefined;
  mongodPath: string | undefined;
  mongoUrl: string | undefined;
  temporalAddress: string | undefined;
  toolsCacheDir: string;
  searchPath: string | undefined;
  progress: (line: string) => void;
}): Promise<Tools> {
  const common = { cacheDir: config.toolsCacheDir, searchPath: config.searchPath, progress: config.progress };
  const mongod = config.mongoUrl
    ? undefined
    : (config.mongodPath ?? (await findOnPath('mongod', config.searchPath)));
  const temporal = config.temporalAddress
    ? ''
    : await ensureTool(toolSpecs.temporal, { ...common, explicitPath: config.temporalCliPath });
  const ferretdb =
    config.mongoUrl || mongod
      ? undefined
      : await ensureTool(toolSpecs.ferretdb, { ...common, explicitPath: config.ferretdbPath });
  return { temporal, ferretdb, mongod };
}
