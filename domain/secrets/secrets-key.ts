import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseSecretsKey } from '../../platform/config';

/**
 * The key in `file`, creating the file with a new random key (mode 0600) the first time. This is
 * the default for a single-machine install (`npm start` keeps it under DATA_DIR); deployments
 * with several API servers set SECRETS_KEY instead so they all share one key.
 */
export function loadOrCreateSecretsKey(file: string): { key: Buffer; created: boolean } {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // `wx` fails when the file exists, so two processes starting at once keep one key.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { key: readKeyFile(file), created: true };
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: readKeyFile(file), created: false };
  }
}

/** The key in `file`, which must exist (see {@link loadOrCreateSecretsKey}). */
export function readKeyFile(file: string): Buffer {
  const key = parseSecretsKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (64 hex digits or base64)`);
  return key;
}
