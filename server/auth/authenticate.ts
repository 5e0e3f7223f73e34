import type { Request, RequestHandler } from 'express';
import { secretsEqual, type Caller, type UserStore } from '../../domain/users';
import { HttpError } from '../http/http-error';
import { setActor } from './actor';
import { csrfHeaderName, readSessionCookie } from './session-cookie';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const callers = new WeakMap<Request, Caller>();

/** The session or token the authenticated request came with (for logout and /auth/me). */
export function getCaller(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw new HttpError('unauthorized', 'Authentication required');
  return caller;
}

function bearerSecret(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new HttpError('unauthorized', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Sets the actor from `Authorization: Bearer <token>` (an API token or a session token) or
 * from the `ll_session` cookie, or answers 401. A bearer header wins over the cookie and is
 * never silently replaced by it.
 *
 * Cookie-authenticated POST/PUT/PATCH/DELETE must send `X-CSRF-Token` equal to the session's
 * CSRF token (403 otherwise): a browser attaches cookies to cross-site requests, but another
 * site can neither read the token nor set the header. Bearer callers need no CSRF token, as a
 * browser never adds that header on its own.
 *
 * @example
 * createApp({ log, health, publicApiRouters: [authRoutes({ users, log })], authenticate: createAuthenticate({ users }) });
 */
export function createAuthenticate(deps: { users: UserStore }): RequestHandler {
  return async (req, _res, next) => {
    const bearer = bearerSecret(req);
    const secret = bearer ?? readSessionCookie(req);
    if (secret === undefined) throw new HttpError('unauthorized', 'Authentication required');
    const caller = await deps.users.resolveSecret(secret);
    if (!caller) throw new HttpError('unauthorized', 'Session or token is invalid or expired');
    if (bearer === undefined && caller.via === 'session' && !safeMethods.has(req.method)) {
      const sent = req.get(csrfHeaderName);
      if (!sent || !secretsEqual(sent, caller.session.csrfToken)) {
        throw new HttpError('forbidden', `Missing or wrong ${csrfHeaderName} header for a cookie session`);
      }
    }
    callers.set(req, caller);
    setActor(req, {
      userId: caller.user.id,
      email: caller.user.email,
      roles: caller.user.roles,
      via: caller.via,
    });
    next();
  };
}
