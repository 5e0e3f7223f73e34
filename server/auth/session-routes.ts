import { Router } from 'express';
import type { UserStore } from '../../domain/users';
import { getCaller } from './authenticate';
import { clearSessionCookie } from './session-cookie';

/**
 * Authenticated session routes: `POST /auth/logout` ends the caller's session (204) and clears
 * the cookie; `GET /auth/me` answers `{user, via, csrfToken?}`, with the CSRF token for
 * session callers so a reloaded editor can recover it. Mount it in `apiRouters`.
 */
export function sessionRoutes(deps: { users: UserStore }): Router {
  const router = Router();
  router.post('/auth/logout', async (req, res) => {
    const caller = getCaller(req);
    // An API token is not ended by logout; it is deleted through /tokens.
    if (caller.via === 'session') await deps.users.deleteSession(caller.session._id);
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  router.get('/auth/me', (req, res) => {
    const caller = getCaller(req);
    const { id, email, name, roles } = caller.user;
    res.set('Cache-Control', 'no-store');
    res.json({
      user: { id, email, name, roles },
      via: caller.via,
      ...(caller.via === 'session' ? { csrfToken: caller.session.csrfToken } : {}),
    });
  });
  return router;
}
