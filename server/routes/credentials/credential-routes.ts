import { Router, type Request } from 'express';
import type { Db } from 'mongodb';
import { appendAudit } from '../../../domain/audit/audit-log';
import {
  CredentialInputError,
  CredentialNameTakenError,
  CredentialNotFoundError,
  credentialKindSpecs,
  credentialUsage,
  type CredentialStore,
} from '../../../domain/credentials';
import { getActor } from '../../auth/actor';
import { authorize, type CredentialAction } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';

export interface CredentialRoutesDeps {
  db: Db;
  credentials: CredentialStore;
}

function allow(req: Request, action: CredentialAction) {
  const actor = getActor(req);
  authorize(actor, { resource: 'credential', action });
  return actor;
}

/** Maps the store's typed errors to their HTTP meaning; anything else is rethrown untouched. */
async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    if (error instanceof CredentialInputError)
      throw new HttpError('validation_failed', error.message, error.problems);
    if (error instanceof CredentialNotFoundError) throw new HttpError('not_found', error.message);
    if (error instanceof CredentialNameTakenError)
      throw new HttpError('conflict', error.message, [{ path: 'name', message: 'is taken' }]);
    throw error;
  }
}

/**
 * The credentials API under `/api/credentials`. A secret goes in on create and rotate and never
 * comes out: every response carries settings and a masked hint only. Admins manage; designers
 * list and read, to pick a credential for `http.request`.
 * - `GET /credentials/kinds`: the kinds and their fields;
 * - `GET /credentials`, `GET /credentials/:id`;
 * - `POST /credentials` `{name, kind, description?, settings, secret}`;
 * - `POST /credentials/:id/rotate` `{secret}`;
 * - `GET /credentials/:id/usage`: workflows whose draft or published version names it;
 * - `DELETE /credentials/:id`: 409 while a published version names it.
 */
export function credentialRoutes(deps: CredentialRoutesDeps): Router {
  const router = Router();

  router.get('/credentials/kinds', (req, res) => {
    allow(req, 'read');
    res.json({ items: Object.entries(credentialKindSpecs).map(([kind, spec]) => ({ kind, ...spec })) });
  });

  router.get('/credentials', async (req, res) => {
    allow(req, 'read');
    res.set('Cache-Control', 'no-store').json({ items: await deps.credentials.list() });
  });

  router.post('/credentials', async (req, res) => {
    const actor = allow(req, 'manage');
    const created = await mapped(() => deps.credentials.create(req.body, actor));
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action: 'credential.created',
      resource: 'credential',
      resourceId: created.id,
      diff: { name: { to: created.name }, kind: { to: created.kind } },
      at: created.createdAt,
    });
    res.status(201).set('Cache-Control', 'no-store').json(created);
  });

  router.get('/credentials/:id', async (req, res) => {
    allow(req, 'read');
    res.set('Cache-Control', 'no-store').json(await mapped(() => deps.credentials.get(req.params.id)));
  });

  router.get('/credentials/:id/usage', async (req, res) => {
    allow(req, 'read');
    await mapped(() => deps.credentials.get(req.params.id));
    res.json({ items: await credentialUsage(deps.db, req.params.id) });
  });

  router.post('/credentials/:id/rotate', async (req, res) => {
    const actor = allow(req, 'manage');
    const rotated = await mapped(() => deps.credentials.rotate(req.params.id, req.body, actor));
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action: 'credential.rotated',
      resource: 'credential',
      resourceId: rotated.id,
      // That the secret changed, never the secret.
      diff: { secretVersion: { from: rotated.secretVersion - 1, to: rotated.secretVersion } },
      at: rotated.rotatedAt ?? new Date().toISOString(),
    });
    res.set('Cache-Control', 'no-store').json(rotated);
  });

  router.delete('/credentials/:id', async (req, res) => {
    const actor = allow(req, 'manage');
    const credential = await mapped(() => deps.credentials.get(req.params.id));
    // A published version naming it would fail at its next request: unpublish or edit that first.
    const live = (await credentialUsage(deps.db, req.params.id)).filter(
      (use) => use.publishedVersion !== undefined,
    );
    if (live.length > 0) {
      throw new HttpError(
        'conflict',
        `credential ${req.params.id} is used by published workflows: ${live.map((use) => use.name).join(', ')}`,
        live.map((use) => ({
          path: `workflows.${use.workflowId}`,
          message: `version ${use.publishedVersion} uses it in ${use.publishedNodes.join(', ')}`,
        })),
      );
    }
    await mapped(() => deps.credentials.remove(req.params.id));
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action: 'credential.deleted',
      resource: 'credential',
      resourceId: credential.id,
      diff: { name: { from: credential.name } },
      at: new Date().toISOString(),
    });
    res.status(204).end();
  });

  return router;
}
