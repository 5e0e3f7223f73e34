import type { Request } from 'express';
import { HttpError } from '../http/http-error';

export const roles = [
  'admin',
  'designer',
  'sales',
  'salesManager',
  'finance',
  'procurement',
  'support',
  'supportLead',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

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
