import { HttpError } from '../http/http-error';
import { can, describePermission, type Permission } from '../../domain/access/role-permissions';
import type { Actor } from './actor';

export {
  allPermissions,
  can,
  describePermission,
  type AdminAction,
  type CredentialAction,
  type EntityAction,
  type Permission,
  type ReportAction,
  type WorkflowAction,
} from '../../domain/access/role-permissions';

/** Throws 403 naming the missing permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new HttpError(
      'forbidden',
      `Your roles (${actor.roles.join(', ')}) do not allow: ${describePermission(permission)}`,
    );
  }
}
