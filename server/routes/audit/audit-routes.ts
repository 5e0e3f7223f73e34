import { Router } from 'express';
import type { Db } from 'mongodb';
import {
  readAuditTrail,
  type AuditCursor,
  type AuditItem,
  type AuditQuery,
} from '../../../domain/audit/audit-trail';
import type { UserDocument } from '../../../domain/users/user-types';
import { isEntityType } from '../../../schemas';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError, type ErrorDetail } from '../../http/http-error';

const maxLimit = 200;
const textParams = ['actor', 'entityId', 'resource', 'resourceId', 'action', 'runId'] as const;
const known = new Set<string>([...textParams, 'entityType', 'from', 'to', 'limit', 'cursor']);
/** The parameters a record's history takes: paging only. */
const pageParams = new Set<string>(['limit', 'cursor']);
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The audit trail: `GET /api/audit` for admins and auditors, with filters and cursor paging, and
 * `GET /api/entities/:type/:id/history`, one record's versions for anyone who may read the record.
 * Each item names its actor's name and email when the actor is a user.
 */
export function auditRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/audit', async (req, res) => {
    authorize(getActor(req), { resource: 'admin', action: 'readAudit' });
    const query = parseAuditParams(req.query);
    res.json(await page(db, query));
  });

  router.get('/entities/:type/:id/history', async (req, res) => {
    const type = req.params.type;
    if (!isEntityType(type)) throw new HttpError('not_found', `unknown entity type ${type}`);
    authorize(getActor(req), { resource: 'entity', type, action: 'read' });
    const { limit, after } = parseAuditParams(req.query, pageParams);
    const answer = await page(db, {
      entityType: type,
      entityId: req.params.id,
      limit,
      ...(after ? { after } : {}),
    });
    if (answer.items.length === 0 && after === undefined)
      throw new HttpError('not_found', `${type} ${req.params.id} does not exist`);
    res.json(answer);
  });

  return router;
}

async function page(db: Db, query: AuditQuery) {
  const { items, next } = await readAuditTrail(db, query);
  return {
    items: await withActorNames(db, items),
    nextCursor: next === undefined ? null : Buffer.from(JSON.stringify(next)).toString('base64url'),
  };
}

/** Adds `actor.name` and `actor.email` to items whose actor is a user. */
async function withActorNames(db: Db, items: AuditItem[]) {
  const ids = [...new Set(items.map((item) => item.actor.userId))];
  const users = await db
    .collection<UserDocument>('users')
    .find({ _id: { $in: ids } }, { projection: { name: 1, email: 1 } })
    .toArray();
  const byId = new Map(users.map((user) => [user._id, user]));
  return items.map((item) => {
    const user = byId.get(item.actor.userId);
    return user === undefined
      ? item
      : { ...item, actor: { ...item.actor, name: user.name, email: user.email } };
  });
}

/**
 * Parses the audit query: text filters, `entityType` (an entity type), `from`/`to` (ISO
 * date-times), `limit` (1–200, default 50) and `cursor`. Anything else, a repeated parameter or a
 * malformed value is a 400 naming the parameter; `allowed` narrows the parameters taken.
 */
export function parseAuditParams(
  params: Record<string, unknown>,
  allowed: ReadonlySet<string> = known,
): AuditQuery {
  const errors: ErrorDetail[] = [];
  const query: AuditQuery = { limit: 50 };
  for (const [name, raw] of Object.entries(params)) {
    if (!allowed.has(name)) {
      errors.push({ path: name, message: `unknown query parameter; use ${[...allowed].join(', ')}` });
      continue;
    }
    if (typeof raw !== 'string' || raw.length === 0 || (raw.length > 200 && name !== 'cursor')) {
      errors.push({ path: name, message: 'must be given once, as a value of 1 to 200 characters' });
      continue;
    }
    if ((textParams as readonly string[]).includes(name)) query[name as (typeof textParams)[number]] = raw;
    else if (name === 'entityType') {
      if (isEntityType(raw)) query.entityType = raw;
      else errors.push({ path: name, message: 'must be an entity type' });
    } else if (name === 'from' || name === 'to') {
      if (isoDateTime.test(raw) && !Number.isNaN(Date.parse(raw))) query[name] = new Date(raw).toISOString();
      else errors.push({ path: name, message: 'must be an ISO date-time, e.g. 2026-12-01T00:00:00Z' });
    } else if (name === 'limit') {
      if (/^[1-9][0-9]{0,2}$/.test(raw) && Number(raw) <= maxLimit) query.limit = Number(raw);
      else errors.push({ path: name, message: `must be an integer from 1 to ${maxLimit}` });
    } else {
      const cursor = decodeCursor(raw);
      if (cursor === undefined) errors.push({ path: name, message: 'is not a cursor this endpoint gave' });
      else query.after = cursor;
    }
  }
  if (errors.length > 0) throw new HttpError('bad_request', 'Invalid audit query', errors);
  return query;
}

function decodeCursor(raw: string): AuditCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,40000}$/.test(raw)) return undefined;
  try {
    const body = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<AuditCursor>;
    const valid =
      typeof body.at === 'string' &&
      Array.isArray(body.seen) &&
      body.seen.length <= 10_000 &&
      body.seen.every((id) => typeof id === 'string');
    return valid ? { at: body.at!, seen: body.seen! } : undefined;
  } catch {
    return undefined;
  }
}
