import { openSecret, sealSecret, SecretBoxError } from './secret-box';

const key = Buffer.alloc(32, 1);

describe('sealSecret and openSecret', () => {
  test('round-trip a secret; the stored form holds no plaintext and differs each time', () => {
    const sealed = sealSecret(key, 'llw_signing-secret', 'webhook:hk_1');
    expect(Object.keys(sealed)).toEqual(['v', 'iv', 'data', 'tag']);
    expect(JSON.stringify(sealed)).not.toContain('signing-secret');
    expect(sealSecret(key, 'llw_signing-secret', 'webhook:hk_1').data).not.toBe(sealed.data);
    expect(openSecret(key, sealed, 'webhook:hk_1')).toBe('llw_signing-secret');
  });

  test.each([
    ['another key', Buffer.alloc(32, 2), 'webhook:hk_1'],
    ['another record', key, 'webhook:hk_2'],
  ])('refuse to open under %s', (_name, otherKey, context) => {
    const sealed = sealSecret(key, 'llw_x', 'webhook:hk_1');
    expect(() => openSecret(otherKey, sealed, context)).toThrow(
      new SecretBoxError('the secret cannot be decrypted with this key (was SECRETS_KEY changed?)'),
    );
  });

  test('refuse a tampered ciphertext and a key that is not 32 bytes', () => {
    const sealed = sealSecret(key, 'llw_x', 'c');
    const tampered = { ...sealed, data: Buffer.from('llw_y').toString('base64') };
    expect(() => openSecret(key, tampered, 'c')).toThrow(SecretBoxError);
    expect(() => sealSecret(Buffer.alloc(16), 'x', 'c')).toThrow(
      new SecretBoxError('the secrets key must be 32 bytes (AES-256)'),
    );
  });
});
