import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureTool, findOnPath, toolSpecs, ToolUnavailableError } from './tools';

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
    await executable(path.join(dir, 'cache', 'tools', 'ferretdb-1.24.2', 'ferretdb'));
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
