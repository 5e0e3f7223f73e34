import type { Request } from 'express';
import { HttpError } from '../http/http-error';

import { roleNames, type Role } from '../../schemas/vocabulary';

/** The roles a user may hold: the shared vocabulary's list. */
export const roles = roleNames;
export type { Role };

/** Who is calling: set on the request by the authentication middleware. */
export interface Actor {
  userId: string;
  email: string;
  roles: Role[];
  /** How the caller proved who they are; cookie sessions need a CSRF token on writes. */
  via: 'session' | 'token';
}

const actorKey = Symbol('actor');

/** Stores the authenticated caller on the request. */
export function setActor(req: Request, actor: Actor): void {
  (req as unknown as Record<symbol, Actor>)[actorKey] = actor;
}

/** The authenticated caller, or 401. */
export function getActor(req: Request): Actor {
  const actor = (req as unknown as Record<symbol, Actor | undefined>)[actorKey];
  if (!actor) throw new HttpError('unauthorized', 'Authentication required');
  return actor;
}
