import { generatePassword } from './passwords';
import { systemActor } from './user-audit';
import type { UserStore } from './user-store';
import { DuplicateEmailError } from './user-types';

export type EnsureAdminResult =
  | { created: false }
  | {
      created: true;
      email: string;
      /** Set only when no password was configured. */
      generatedPassword?: string;
    };

/**
 * Creates the first admin when no admin exists yet (first start). Without a configured
 * password it generates one and returns it: the caller prints it this once, and later starts
 * find the admin and return `{created: false}`, so it is never shown again. The configured
 * password only seeds the account; changing it later is done through the API.
 *
 * @example
 * const result = await ensureAdmin(users, { email: config.adminEmail, password: config.adminPassword });
 * if (result.created && result.generatedPassword) log.warn(`Admin password: ${result.generatedPassword}`);
 */
export async function ensureAdmin(
  users: UserStore,
  config: { email: string; password: string | undefined },
): Promise<EnsureAdminResult> {
  if (await users.hasAdmin()) return { created: false };
  // An empty ADMIN_PASSWORD counts as unset: it must never become the admin's password.
  const password = config.password || generatePassword();
  const generated = password !== config.password;
  try {
    const user = await users.createUser(
      {
        email: config.email,
        name: 'Administrator',
        roles: ['admin'],
        password,
      },
      systemActor,
    );
    return generated
      ? { created: true, email: user.email, generatedPassword: password }
      : { created: true, email: user.email };
  } catch (error) {
    // Another server process created it at the same moment: that one prints the password.
    if (error instanceof DuplicateEmailError) return { created: false };
    throw error;
  }
}
