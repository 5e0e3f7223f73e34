import { hashSecret, newSecret, secretKind, secretsEqual } from './secrets';

describe('secrets', () => {
  it.each([
    ['session', /^lls_[\w-]{43}$/],
    ['apiToken', /^llt_[\w-]{43}$/],
    ['csrf', /^llc_[\w-]{43}$/],
  ] as const)('makes a %s secret with its prefix and 256 random bits', (kind, pattern) => {
    const secret = newSecret(kind);
    expect(secret).toMatch(pattern);
    expect(secretKind(secret)).toBe(kind);
    expect(newSecret(kind)).not.toBe(secret);
  });

  it.each(['', 'Bearer', 'llx_abc', 'abc'])('knows no kind for %j', (secret) => {
    expect(secretKind(secret)).toBeUndefined();
  });

  it('hashes to hex sha256, never the secret itself', () => {
    expect(hashSecret('llt_abc')).toBe('0be1dbafa5d358ae330362a12fb8efdeca1adbfaad2f940802d7b326493be63f');
    expect(hashSecret('llt_abc')).not.toBe(hashSecret('llt_abd'));
  });

  it.each([
    ['a', 'a', true],
    ['a', 'b', false],
    ['a', 'aa', false],
    ['', '', true],
  ])('compares %j and %j in constant time: %s', (a, b, equal) => {
    expect(secretsEqual(a, b)).toBe(equal);
  });
});
