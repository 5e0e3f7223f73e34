import { Router, type Request, type Response } from 'express';
import type { Db } from 'mongodb';
import {
  createEntityRepository,
  findRelatedDocuments,
  type EntityRepository,
} from '../../../domain/entities';
import {
  entityTypes,
  getEntityMeta,
  getEntitySchema,
  getInputSchema,
  documentTypes,
  isDocumentType,
  isEntityType,
  type EntityType,
} from '../../../schemas';
import { getActor } from '../../auth/actor';
import { authorize, can, type EntityAction } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';
import { loadAccountRelated } from './account-related';
import { toHttpError } from './entity-errors-to-http';
import { parseListParams } from './list-params';
import { etag, parseIfMatch, recordIdPattern, requireObjectBody } from './request-guards';

export interface EntityRoutesDeps {
  db: Db;
  /** Defaults to `createEntityRepository(db)`. */
  repo?: EntityRepository;
}

/**
 * The entity API (README: HTTP API), mounted under `/api`: schemas, typed lists, create, read, JSON merge patch
 * with `If-Match`, archive, the account's related records and a document's chain. Every route checks the caller's
 * permission for the entity type and action.
 *
 * @example
 * createApp({ log, health, authenticate, apiRouters: [entityRoutes({ db })] });
 */
export function entityRoutes(deps: EntityRoutesDeps): Router {
  const repo = deps.repo ?? createEntityRepository(deps.db);
  const router = Router();

  router.get('/schemas', (req, res) => {
    getActor(req);
    res.json({
      items: entityTypes.map((type) => {
        const meta = getEntityMeta(type);
        return { type, label: meta.label, group: meta.group, titleField: meta.titleField };
      }),
    });
  });

  router.get('/schemas/:type', (req, res) => {
    getActor(req);
    const type = entityType(req.params.type);
    res.json({
      type,
      schema: getEntitySchema(type),
      inputSchema: getInputSchema(type),
      meta: getEntityMeta(type),
    });
  });

  router.get('/entities/account/:id/related', async (req, res) => {
    allow(req, 'account', 'read');
    res.json(await mapped(() => loadAccountRelated(repo, req.params.id)));
  });

  router.get('/entities/:type/:id/related', async (req, res) => {
    const type = allow(req, req.params.type, 'read');
    const id = relatedParams(type, req.params.id);
    const actor = getActor(req);
    const record = await mapped(() => repo.get(type, id));
    res.json(
      await findRelatedDocuments(repo.db, type, record, {
        canRead: (other) => can(actor, { resource: 'entity', type: other, action: 'read' }),
      }),
    );
  });

  router.get('/entities/:type', async (req, res) => {
    const type = allow(req, req.params.type, 'read');
    const query = parseListParams(type, req.query);
    res.json(await mapped(() => repo.list(type, query)));
  });

  router.post('/entities/:type', async (req, res) => {
    const type = allow(req, req.params.type, 'create');
    const body = requireObjectBody(req.body);
    const actor = getActor(req);
    const result = await mapped(() =>
      repo.create(type, body, {
        actor: { userId: actor.userId },
        roles: actor.roles,
        ...idempotencyKey(req),
      }),
    );
    const duplicates =
      getEntityMeta(type).duplicateFields.length > 0 ? { possibleDuplicates: result.possibleDuplicates } : {};
    res
      .status(result.created ? 201 : 200)
      .location(`${req.baseUrl}/entities/${type}/${encodeURIComponent(result.record._id)}`)
      .set('ETag', etag(result.record.version))
      .json({ ...result.record, ...duplicates });
  });

  router.get('/entities/:type/:id', async (req, res) => {
    const type = allow(req, req.params.type, 'read');
    const record = await mapped(() => repo.get(type, req.params.id));
    send(res, record);
  });

  router.patch('/entities/:type/:id', async (req, res) => {
    const type = allow(req, req.params.type, 'update');
    const patch = requireObjectBody(req.body);
    const expectedVersion = parseIfMatch(req.get('If-Match'));
    const actor = getActor(req);
    const record = await mapped(() =>
      repo.update(type, req.params.id, patch, expectedVersion === undefined ? {} : { expectedVersion }, {
        actor: { userId: actor.userId },
        roles: actor.roles,
        ...idempotencyKey(req),
      }),
    );
    send(res, record);
  });

  router.delete('/entities/:type/:id', async (req, res) => {
    const type = allow(req, req.params.type, 'delete');
    const expectedVersion = parseIfMatch(req.get('If-Match'));
    const actor = getActor(req);
    const record = await mapped(() =>
      repo.archive(type, req.params.id, expectedVersion === undefined ? {} : { expectedVersion }, {
        actor: { userId: actor.userId },
        roles: actor.roles,
      }),
    );
    send(res, record);
  });

  return router;
}

function entityType(name: string): EntityType {
  if (!isEntityType(name)) throw new HttpError('not_found', `unknown entity type ${name}`);
  return name;
}

/** A related-documents request names a document type and a well-formed id; anything else is a 400. */
function relatedParams(type: EntityType, id: string): string {
  if (!isDocumentType(type)) {
    throw new HttpError('bad_request', `${type} records have no related documents`, [
      { path: 'type', message: `must be one of ${documentTypes.join(', ')}` },
    ]);
  }
  if (!recordIdPattern.test(id)) {
    throw new HttpError('bad_request', 'id must be 1 to 200 letters, digits, _ . : or -', [
      { path: 'id', message: 'must be 1 to 200 letters, digits, _ . : or -' },
    ]);
  }
  return id;
}

function allow(req: Request, name: string, action: EntityAction): EntityType {
  const type = entityType(name);
  authorize(getActor(req), { resource: 'entity', type, action });
  return type;
}

/** A client's `Idempotency-Key`, scoped to the caller so two users' keys never meet. */
function idempotencyKey(req: Request): { idempotencyKey?: string } {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return {};
  if (key.length < 1 || key.length > 200) {
    throw new HttpError('bad_request', 'Idempotency-Key must be 1 to 200 characters', [
      { path: 'Idempotency-Key', message: 'must be 1 to 200 characters' },
    ]);
  }
  return { idempotencyKey: `http/${getActor(req).userId}/${key}` };
}

function send(res: Response, record: { version: number }): void {
  res.set('ETag', etag(record.version)).json(record);
}

async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    throw toHttpError(error);
  }
}
