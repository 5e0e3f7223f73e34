import { Router } from 'express';
import { DuplicateEmailError, type UserStore } from '../../domain/users';
import { HttpError } from '../http/http-error';
import { getActor, type Actor } from './actor';
import { readNewUser, readUserPatch } from './auth-input';
import { authorize } from './permissions';

function auditActor(actor: Actor) {
  return { userId: actor.userId, email: actor.email };
}

/**
 * Admin user management (`admin.manageUsers`): `GET /users`, `POST /users` (201; 409 on a taken
 * email), `GET /users/:id`, `PATCH /users/:id {name?, roles?, active?, password?}` and
 * `DELETE /users/:id` (deactivates; users are never deleted, so the audit trail keeps meaning).
 * Admins cannot deactivate themselves or drop their own admin role (422), so the last admin
 * cannot lock everyone out by accident.
 */
export function userRoutes(deps: { users: UserStore }): Router {
  const router = Router();
  router.use('/users', (req, _res, next) => {
    authorize(getActor(req), { resource: 'admin', action: 'manageUsers' });
    next();
  });

  router.get('/users', async (_req, res) => {
    res.json({ items: await deps.users.listUsers() });
  });

  router.post('/users', async (req, res) => {
    const input = readNewUser(req.body);
    try {
      res.status(201).json(await deps.users.createUser(input, auditActor(getActor(req))));
    } catch (error) {
      if (error instanceof DuplicateEmailError) {
        throw new HttpError('conflict', error.message, [{ path: '/email', message: 'is already taken' }]);
      }
      throw error;
    }
  });

  router.get('/users/:id', async (req, res) => {
    const user = await deps.users.getUser(req.params.id);
    if (!user) throw new HttpError('not_found', `User ${req.params.id} does not exist`);
    res.json(user);
  });

  const update = async (id: string, patch: ReturnType<typeof readUserPatch>, actor: Actor) => {
    if (id === actor.userId && (patch.active === false || (patch.roles && !patch.roles.includes('admin')))) {
      throw new HttpError('unprocessable', 'You cannot deactivate yourself or remove your own admin role');
    }
    const user = await deps.users.updateUser(id, patch, auditActor(actor));
    if (!user) throw new HttpError('not_found', `User ${id} does not exist`);
    return user;
  };

  router.patch('/users/:id', async (req, res) => {
    res.json(await update(req.params.id, readUserPatch(req.body), getActor(req)));
  });

  router.delete('/users/:id', async (req, res) => {
    res.json(await update(req.params.id, { active: false }, getActor(req)));
  });
  return router;
}
