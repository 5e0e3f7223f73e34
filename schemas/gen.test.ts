import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('generated types', () => {
  // json-schema-to-typescript loads Prettier through a dynamic import, which jest's CommonJS runtime
  // refuses, so the generator runs in its own process: the same code `npm run gen` runs, in check mode.
  it('are fresh: schemas/types/ equals what `npm run gen` would write', () => {
    const result = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), 'schemas/gen-main.ts', '--check'],
      {
        cwd: join(__dirname, '..'),
        encoding: 'utf8',
      },
    );

    if (result.status !== 0)
      throw new Error(result.stderr || result.stdout || `exit ${String(result.status)}`);
  }, 60_000);
});
