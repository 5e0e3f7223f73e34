import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from './sealed-secret';

export type { SealedSecret };

/** The key is missing, has the wrong length, or does not open this secret. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new SecretBoxError('the secrets key must be 32 bytes (AES-256)');
}

/**
 * Encrypts `plaintext` with AES-256-GCM under `key`, bound to `context` (authenticated but not
 * encrypted): a sealed secret copied onto another record, whose context differs, does not open.
 *
 * @example
 * const sealed = sealSecret(key, 'whsec_…', 'hook:hk_1');
 * openSecret(key, sealed, 'hook:hk_1'); // 'whsec_…'
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): SealedSecret {
  assertKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Decrypts a {@link sealSecret} result; throws {@link SecretBoxError} for a wrong key or context. */
export function openSecret(key: Buffer, sealed: SealedSecret, context: string): string {
  assertKey(key);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretBoxError('the secret cannot be decrypted with this key (was SECRETS_KEY changed?)');
  }
}
