import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateSecretsKey } from './secrets-key';

describe('loadOrCreateSecretsKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-key-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('creates a 32-byte key file readable by its owner only, then keeps reading it', () => {
    const file = path.join(dir, 'data', 'secrets.key');
    const first = loadOrCreateSecretsKey(file);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${first.key.toString('hex')}\n`);
    expect(loadOrCreateSecretsKey(file)).toEqual({ key: first.key, created: false });
  });

  test('refuses a key file that does not hold a key', () => {
    const file = path.join(dir, 'secrets.key');
    fs.writeFileSync(file, 'not a key');
    expect(() => loadOrCreateSecretsKey(file)).toThrow(
      new Error(`${file} does not hold a 32-byte key (64 hex digits or base64)`),
    );
  });
});
