import type { Db } from 'mongodb';
import type { Role } from '../../schemas/vocabulary';
import type { RunAuthority } from '../../workflows/runtime/run-contract';

/**
 * The roles a run writes with now: those its version's publisher held at publish, narrowed to the
 * roles they still hold. A deactivated publisher's runs write nothing, and a demoted one's write
 * only what both role sets allow, until someone with the roles publishes again. A publisher who is
 * not a stored user (a deployment's own identity) keeps the roles recorded at publish; a run with no
 * recorded publisher (started before runs had one) has no roles.
 *
 * @example
 * await runRoles(db, { userId: 'u1', roles: ['admin'] }); // [] once u1 is deactivated
 */
export async function runRoles(db: Db, authority: RunAuthority | undefined): Promise<Role[]> {
  if (authority === undefined) return [];
  const user = await db
    .collection<{ _id: string; roles: Role[]; active: boolean }>('users')
    .findOne({ _id: authority.userId }, { projection: { roles: 1, active: 1 } });
  if (user === null) return [...authority.roles];
  if (!user.active) return [];
  return authority.roles.filter((role) => user.roles.includes(role));
}
