import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefixes make a leaked secret recognisable (secret scanners, logs) and tell its kind apart. */
export const secretPrefixes = { session: 'lls_', apiToken: 'llt_', csrf: 'llc_' } as const;
export type SecretKind = keyof typeof secretPrefixes;

/**
 * A new random secret of 256 bits, base64url, with its kind's prefix.
 *
 * @example
 * newSecret('apiToken'); // 'llt_q3V…'
 */
export function newSecret(kind: SecretKind): string {
  return `${secretPrefixes[kind]}${randomBytes(32).toString('base64url')}`;
}

/** The kind a presented secret claims by its prefix, or undefined for anything else. */
export function secretKind(secret: string): SecretKind | undefined {
  return (Object.keys(secretPrefixes) as SecretKind[]).find((kind) =>
    secret.startsWith(secretPrefixes[kind]),
  );
}

/**
 * The stored form of a secret. Secrets are high-entropy, so a fast hash suffices (no salt or
 * argon2 needed), and the hash doubles as the lookup key.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time string comparison, for CSRF tokens. */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
