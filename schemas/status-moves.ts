import type { StatusMeta } from './entity-metadata';
import type { Role } from './vocabulary';

/**
 * The roles besides admin that may move a record from `from` (none for a new record) to `to`: those
 * the move names (`draft->sent`) and those its target names (`approved`), or `undefined` when anyone
 * who may write the type may. The repository enforces it; the editor offers only the moves it allows.
 */
export function rolesForMove(
  status: Pick<StatusMeta, 'transitionRoles'>,
  from: string | undefined,
  to: string,
): readonly Role[] | undefined {
  if (from === to) return undefined;
  const byMove = from === undefined ? undefined : status.transitionRoles[`${from}->${to}`];
  const byTarget = status.transitionRoles[to];
  if (byMove === undefined && byTarget === undefined) return undefined;
  return [...new Set([...(byMove ?? []), ...(byTarget ?? [])])];
}

/** Whether one of `held` may make the move (admin may make every move). */
export function mayMove(
  status: Pick<StatusMeta, 'transitionRoles'>,
  from: string | undefined,
  to: string,
  held: readonly string[],
): boolean {
  const allowed = rolesForMove(status, from, to);
  return (
    allowed === undefined || held.includes('admin') || held.some((role) => allowed.includes(role as Role))
  );
}
