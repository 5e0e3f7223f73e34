import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** Passwords of new users and password changes must be at least this long. */
export const minPasswordLength = 12;
/** Caps argon2's input so a huge body cannot make login expensive. */
export const maxPasswordLength = 1024;

/** An argon2id hash (`$argon2id$…`) of the password, with the library's default cost. */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

let dummyHash: Promise<string> | undefined;

/**
 * Whether the password matches the hash. Without a hash (unknown or inactive user) it checks
 * against a dummy hash, so the answer takes as long as for a real account and timing does not
 * tell which email addresses exist.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A random password for the generated first admin: 24 base64url characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
