import { Router, type Request } from 'express';
import type { ApiToken, UserStore } from '../../domain/users';
import { HttpError } from '../http/http-error';
import { getActor } from './actor';
import { readNewToken } from './auth-input';
import { can } from './permissions';

const dayMs = 24 * 60 * 60 * 1000;

function canManageAll(req: Request): boolean {
  return can(getActor(req), { resource: 'admin', action: 'manageTokens' });
}

/**
 * API tokens. Every user manages their own; `admin.manageTokens` manages anyone's.
 * `GET /tokens[?userId=]` lists without secrets (admins see all by default),
 * `POST /tokens {name, expiresInDays?, userId?}` answers 201 with the secret in `token` (the
 * only time it is shown), `DELETE /tokens/:id` answers 204. Another user's token is a 404 to
 * non-admins, so ids cannot be probed.
 */
export function tokenRoutes(deps: { users: UserStore }): Router {
  const router = Router();

  router.get('/tokens', async (req, res) => {
    const actor = getActor(req);
    const requested = typeof req.query.userId === 'string' ? req.query.userId : undefined;
    const all = canManageAll(req);
    if (requested !== undefined && requested !== actor.userId && !all) {
      throw new HttpError('forbidden', 'You may only list your own tokens');
    }
    const items = await deps.users.listApiTokens(
      all && requested === undefined ? {} : { userId: requested ?? actor.userId },
    );
    res.json({ items });
  });

  router.post('/tokens', async (req, res) => {
    const actor = getActor(req);
    const input = readNewToken(req.body);
    const userId = input.userId ?? actor.userId;
    if (userId !== actor.userId) {
      if (!canManageAll(req)) throw new HttpError('forbidden', 'You may only create tokens for yourself');
      if (!(await deps.users.getUser(userId))) {
        throw new HttpError('validation_failed', 'Invalid request body', [
          { path: '/userId', message: 'no such user' },
        ]);
      }
    }
    const expiresAt =
      input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * dayMs);
    const created = await deps.users.createApiToken(
      { userId, name: input.name, expiresAt },
      { userId: actor.userId, email: actor.email },
    );
    res.set('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.delete('/tokens/:id', async (req, res) => {
    const actor = getActor(req);
    const token: ApiToken | undefined = await deps.users.getApiToken(req.params.id);
    if (!token || (token.userId !== actor.userId && !canManageAll(req))) {
      throw new HttpError('not_found', `Token ${req.params.id} does not exist`);
    }
    await deps.users.deleteApiToken(token.id, { userId: actor.userId, email: actor.email });
    res.status(204).end();
  });
  return router;
}
