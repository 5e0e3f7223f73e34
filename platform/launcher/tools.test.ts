import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  applySourcePatch,
  cachedToolDir,
  ensureTool,
  findOnPath,
  toolSpecs,
  ToolUnavailableError,
} from './tools';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tools-test-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function executable(file: string): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, '#!/bin/sh\n');
  await fs.chmod(file, 0o755);
  return file;
}

const quiet = () => undefined;

describe('ensureTool', () => {
  it('uses an explicit path first', async () => {
    const explicit = await executable(path.join(dir, 'bin', 'my-temporal'));
    await executable(path.join(dir, 'path', 'temporal'));
    const found = await ensureTool(toolSpecs.temporal, {
      explicitPath: explicit,
      cacheDir: dir,
      searchPath: path.join(dir, 'path'),
      progress: quiet,
    });
    expect(found).toBe(explicit);
  });

  it('refuses an explicit path that is not executable, naming the variable', async () => {
    const options = {
      explicitPath: path.join(dir, 'missing'),
      cacheDir: dir,
      searchPath: '',
      progress: quiet,
    };
    await expect(ensureTool(toolSpecs.ferretdb, options)).rejects.toThrow(
      new ToolUnavailableError(`FERRETDB_PATH=${path.join(dir, 'missing')} is not an executable file`),
    );
  });

  it('prefers PATH over the cache', async () => {
    const onPath = await executable(path.join(dir, 'path', 'ferretdb'));
    await executable(path.join(cachedToolDir(toolSpecs.ferretdb, path.join(dir, 'cache')), 'ferretdb'));
    const options = {
      explicitPath: undefined,
      cacheDir: path.join(dir, 'cache'),
      searchPath: path.join(dir, 'path'),
      progress: quiet,
    };
    expect(await ensureTool(toolSpecs.ferretdb, options)).toBe(onPath);
  });

  it('finds a cached build by pinned version without building again', async () => {
    const cached = await executable(path.join(dir, 'tools', 'temporal-1.5.1', 'temporal'));
    const lines: string[] = [];
    const options = {
      explicitPath: undefined,
      cacheDir: dir,
      searchPath: '',
      progress: (l: string) => lines.push(l),
    };
    expect(await ensureTool(toolSpecs.temporal, options)).toBe(cached);
    expect(lines).toEqual([]);
  });
});

describe('patched builds', () => {
  it('caches a patched build under its patch level, an unpatched one under its version', () => {
    expect(cachedToolDir(toolSpecs.ferretdb, dir)).toBe(
      path.join(dir, 'tools', 'ferretdb-1.24.2-pushdown-1'),
    );
    expect(cachedToolDir(toolSpecs.temporal, dir)).toBe(path.join(dir, 'tools', 'temporal-1.5.1'));
  });

  it('finds a cached patched build without building again', async () => {
    const cached = await executable(path.join(cachedToolDir(toolSpecs.ferretdb, dir), 'ferretdb'));
    const options = { explicitPath: undefined, cacheDir: dir, searchPath: '', progress: quiet };
    expect(await ensureTool(toolSpecs.ferretdb, options)).toBe(cached);
  });

  it('replaces a passage found exactly once, even in a read-only file', async () => {
    const file = path.join(dir, 'src', 'a.go');
    await fs.mkdir(path.dirname(file));
    await fs.writeFile(file, 'x := "->\'$._id\'"\n');
    await fs.chmod(file, 0o444);
    expect(
      await applySourcePatch(dir, { file: 'src/a.go', find: "'$._id'", replace: "'_id'" }),
    ).toBeUndefined();
    expect(await fs.readFile(file, 'utf8')).toBe('x := "->\'_id\'"\n');
  });

  it('refuses a passage that is missing or repeated, and a missing file', async () => {
    await fs.writeFile(path.join(dir, 'b.go'), 'aa');
    expect(await applySourcePatch(dir, { file: 'b.go', find: 'c', replace: 'd' })).toBe(
      'patch for b.go expects its passage exactly once, found it nowhere',
    );
    expect(await applySourcePatch(dir, { file: 'b.go', find: 'a', replace: 'd' })).toBe(
      'patch for b.go expects its passage exactly once, found it more than once',
    );
    expect(await applySourcePatch(dir, { file: 'c.go', find: 'a', replace: 'd' })).toBe(
      'patch target c.go is missing',
    );
    expect(await fs.readFile(path.join(dir, 'b.go'), 'utf8')).toBe('aa');
  });
});

describe('findOnPath', () => {
  it('skips non-executable files and empty PATH entries', async () => {
    await fs.mkdir(path.join(dir, 'a'));
    await fs.writeFile(path.join(dir, 'a', 'go'), 'not executable');
    const real = await executable(path.join(dir, 'b', 'go'));
    expect(await findOnPath('go', ['', path.join(dir, 'a'), path.join(dir, 'b')].join(path.delimiter))).toBe(
      real,
    );
    expect(await findOnPath('go', '')).toBeUndefined();
  });
});
