import { isDeepStrictEqual } from 'node:util';
import { getEntityMeta, getEntitySchema, type EntityType } from '../../schemas';
import { rolesForMove } from '../../schemas/status-moves';
import { roleNames, type Role } from '../../schemas/vocabulary';
import { can, describePermission, type Permission } from './role-permissions';

type Doc = Readonly<Record<string, unknown>>;

/** One thing a writer may not do, with the roles that may. */
export interface WriteRefusal {
  /** The field refused, or `''` for the write as a whole. */
  path: string;
  message: string;
  /** Who may: always includes `admin`. */
  allowedRoles: readonly Role[];
}

/** The write as the repository sees it: the stored record before (none for a create) and after. */
export interface ControlledWrite {
  type: EntityType;
  action: 'create' | 'update' | 'delete';
  before: Doc | undefined;
  next: Doc;
}

/**
 * Everything in one write that the writer's roles do not allow: the entity permission itself, each
 * status move the type's `x-transition-roles` keeps for some roles, and each `x-controlled` field set
 * or changed outside its `freeIn` statuses. People write with their own roles; a run writes with its
 * workflow version's publisher's roles. Empty when the write is allowed.
 *
 * @example
 * writeRefusals({ type: 'quote', action: 'update', before: { status: 'pendingApproval' },
 *   next: { status: 'approved' } }, ['sales']);
 * // [{ path: 'status', message: 'Moving a quote from pendingApproval to approved is for salesManager, admin; …' }]
 */
export function writeRefusals(write: ControlledWrite, roles: readonly Role[]): WriteRefusal[] {
  const denied = permissionRefusal(write.type, write.action, roles);
  if (denied !== undefined) return [denied];
  if (write.action === 'delete') return [];
  return [...statusRefusals(write, roles), ...fieldRefusals(write, roles)];
}

/** The refusal of the entity permission itself, or `undefined` when the roles hold it. */
export function permissionRefusal(
  type: EntityType,
  action: ControlledWrite['action'],
  roles: readonly Role[],
): WriteRefusal | undefined {
  const permission: Permission = { resource: 'entity', type, action };
  if (can({ roles }, permission)) return undefined;
  const allowedRoles = roleNames.filter((role) => can({ roles: [role] }, permission));
  return {
    path: '',
    message: `${roles.length === 0 ? 'A writer with no roles may not' : `The roles ${roles.join(', ')} do not allow`}: ${describePermission(permission)} (allowed: ${allowedRoles.join(', ')})`,
    allowedRoles,
  };
}

/**
 * The roles besides admin that may move a record of `type` from `from` (none for a new record) to
 * `to`, or `undefined` when anyone who may write the type may.
 */
export function transitionRoles(
  type: EntityType,
  from: string | undefined,
  to: string,
): readonly Role[] | undefined {
  const status = getEntityMeta(type).status;
  return status === undefined ? undefined : rolesForMove(status, from, to);
}

function statusRefusals(write: ControlledWrite, roles: readonly Role[]): WriteRefusal[] {
  const status = getEntityMeta(write.type).status;
  if (status === undefined) return [];
  const from = write.before === undefined ? undefined : String(write.before[status.field]);
  const to = String(write.next[status.field]);
  const allowed = transitionRoles(write.type, from, to);
  if (allowed === undefined || holdsOne(roles, allowed)) return [];
  const move =
    from === undefined ? `creating a ${write.type} as ${to}` : `moving a ${write.type} from ${from} to ${to}`;
  return [refusal(status.field, `${capitalise(move)} is for`, allowed, roles)];
}

function fieldRefusals(write: ControlledWrite, roles: readonly Role[]): WriteRefusal[] {
  const meta = getEntityMeta(write.type);
  const statusField = meta.status?.field;
  // A record's own status decides: before the write for an update, the new one for a create.
  const recordStatus =
    statusField === undefined ? undefined : String((write.before ?? write.next)[statusField]);
  const defaults = getEntitySchema(write.type).properties;
  return meta.controlled.flatMap((field) => {
    if (holdsOne(roles, field.roles)) return [];
    if (recordStatus !== undefined && field.freeIn.includes(recordStatus)) return [];
    const was = write.before === undefined ? defaults[field.path]?.default : write.before[field.path];
    if (sameValue(was, write.next[field.path])) return [];
    const where = field.freeIn.length === 0 ? '' : ` outside ${field.freeIn.join(', ')}`;
    return [refusal(field.path, `Setting ${write.type} ${field.path}${where} is for`, field.roles, roles)];
  });
}

/** Equal as stored values: key order and where the objects were made do not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  const plain = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
  return isDeepStrictEqual(plain(a), plain(b));
}

/** A refusal of `what`, for the roles besides admin that may. */
export function refusal(
  path: string,
  what: string,
  roles: readonly Role[],
  held: readonly Role[],
): WriteRefusal {
  const allowedRoles = [...new Set<Role>([...roles, 'admin'])];
  return { path, message: `${what} ${allowedRoles.join(', ')}, not ${rolesText(held)}`, allowedRoles };
}

/** Whether `held` includes admin or one of `allowed`. */
export function holdsOne(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.includes('admin') || held.some((role) => allowed.includes(role));
}

function rolesText(roles: readonly Role[]): string {
  return roles.length === 0 ? 'a writer with no roles' : `the roles ${roles.join(', ')}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
