import { ObjectId, type Db, type Filter } from 'mongodb';
import type { EntityType } from '../../schemas';
import { ensureVersionLogIndexes, versionLog, type VersionDocument } from '../entities/version-log';
import { auditCollection, type AuditEntry } from './audit-log';

/**
 * The audit trail as people read it: every committed entity version (the version log is the
 * entities' audit record) and every entry of the `audit` collection (users, tokens, workflows, runs,
 * tasks, credentials, alerts), newest first, in one list.
 */
export interface AuditItem {
  /** `version:<type>/<id>@<n>` or `audit:<id>`. */
  id: string;
  at: string;
  actor: { userId: string };
  /** `entity.created`, `entity.updated`, `entity.deleted`, or the `audit` entry's action. */
  action: string;
  /** `entity:<type>` for records; `user`, `workflow`, `run`, … otherwise. */
  resource: string;
  resourceId: string;
  /** The record's version, for entity changes. */
  version?: number;
  /** Changed fields with their old and new values. */
  diff: Record<string, { from?: unknown; to?: unknown }>;
  /** The run that made the change, when a workflow did. */
  runId?: string;
}

export interface AuditQuery {
  actor?: string;
  /** With `entityId`, one record's history; alone, every record of the type. */
  entityType?: EntityType;
  entityId?: string;
  /** A non-entity resource (`user`, `workflow`, …) and optionally its id. */
  resource?: string;
  resourceId?: string;
  action?: string;
  runId?: string;
  /** ISO date-times, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  after?: AuditCursor;
}

/** Where the previous page ended: its last time, and the ids it already gave at that time. */
export interface AuditCursor {
  at: string;
  seen: string[];
}

export interface AuditPage {
  items: AuditItem[];
  next?: AuditCursor;
}

const entityActions: Record<string, VersionDocument['kind']> = {
  'entity.created': 'created',
  'entity.updated': 'updated',
  'entity.deleted': 'deleted',
};

/**
 * One page of the audit trail, newest first. Both sources are read with the same filters and time
 * bounds and merged; a filter that only one source can match (a record, or a non-entity resource)
 * skips the other. Entries sharing the page's last time are carried in the cursor, so a page boundary
 * inside a burst of writes in one millisecond neither skips nor repeats one.
 *
 * @example
 * const page = await readAuditTrail(db, { entityType: 'quote', entityId: 'q1', limit: 50 });
 */
export async function readAuditTrail(db: Db, query: AuditQuery): Promise<AuditPage> {
  const fetch = query.limit + 1;
  const wantsEntities =
    query.resource === undefined && (query.action === undefined || query.action in entityActions);
  const wantsOthers =
    query.entityType === undefined &&
    query.entityId === undefined &&
    !(query.action ?? '').startsWith('entity.');
  const [versions, others] = await Promise.all([
    wantsEntities ? readVersions(db, query, fetch) : [],
    wantsOthers ? readOthers(db, query, fetch) : [],
  ]);
  const merged = [...versions, ...others].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1,
  );
  const items = merged.slice(0, query.limit);
  if (merged.length <= query.limit) return { items };
  const last = items[items.length - 1]!;
  const earlier = query.after?.at === last.at ? query.after.seen : [];
  return {
    items,
    next: {
      at: last.at,
      seen: [...earlier, ...items.filter((item) => item.at === last.at).map((i) => i.id)],
    },
  };
}

function timeFilter(query: AuditQuery): Record<string, unknown>[] {
  const clauses: Record<string, unknown>[] = [];
  if (query.from !== undefined) clauses.push({ at: { $gte: query.from } });
  if (query.to !== undefined) clauses.push({ at: { $lte: query.to } });
  return clauses;
}

/** Before the cursor: earlier than its time, or at its time and not given yet. */
function afterCursor(after: AuditCursor | undefined, ids: unknown[]): Record<string, unknown>[] {
  if (after === undefined) return [];
  return [{ $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $nin: ids } }] }];
}

async function readVersions(db: Db, query: AuditQuery, fetch: number): Promise<AuditItem[]> {
  await ensureVersionLogIndexes(db);
  const clauses: Record<string, unknown>[] = [...timeFilter(query)];
  if (query.entityType !== undefined) clauses.push({ type: query.entityType });
  if (query.entityId !== undefined) clauses.push({ entityId: query.entityId });
  if (query.actor !== undefined) clauses.push({ 'actor.userId': query.actor });
  if (query.runId !== undefined) clauses.push({ runId: query.runId });
  if (query.action !== undefined) clauses.push({ kind: entityActions[query.action] });
  const seen = (query.after?.seen ?? []).filter((id) => id.startsWith('version:')).map((id) => id.slice(8));
  clauses.push(...afterCursor(query.after, seen));
  const docs = await versionLog(db)
    .find((clauses.length === 0 ? {} : { $and: clauses }) as Filter<VersionDocument>, {
      projection: { record: 0 },
    })
    .sort({ at: -1, _id: -1 })
    .limit(fetch)
    .toArray();
  return docs.map((doc) => ({
    id: `version:${doc._id}`,
    at: doc.at,
    actor: doc.actor,
    action: `entity.${doc.kind}`,
    resource: `entity:${doc.type}`,
    resourceId: doc.entityId,
    version: doc.version,
    diff: doc.changes,
    ...(doc.runId === undefined ? {} : { runId: doc.runId }),
  }));
}

type StoredAuditEntry = AuditEntry & { _id: string | ObjectId };

/** An `audit` entry's id as the cursor carries it: `o<hex>` for an ObjectId, `s<id>` otherwise. */
function auditIdText(id: string | ObjectId): string {
  return id instanceof ObjectId ? `o${id.toHexString()}` : `s${id}`;
}

function auditIdValue(text: string): string | ObjectId {
  return text.startsWith('o') && ObjectId.isValid(text.slice(1))
    ? new ObjectId(text.slice(1))
    : text.slice(1);
}

const auditIndexes = new WeakMap<Db, Promise<unknown>>();

/** The `audit` collection's indexes for the trail's queries: by resource, by user, by time. */
function ensureAuditIndexes(db: Db): Promise<unknown> {
  let ready = auditIndexes.get(db);
  if (ready === undefined) {
    const audit = db.collection(auditCollection);
    ready = Promise.all([
      audit.createIndex({ resource: 1, resourceId: 1 }, { name: 'audit_resource' }),
      audit.createIndex({ 'actor.userId': 1, at: -1 }, { name: 'audit_actor' }),
      audit.createIndex({ at: -1 }, { name: 'audit_time' }),
    ]);
    auditIndexes.set(db, ready);
    ready.catch(() => auditIndexes.delete(db));
  }
  return ready;
}

async function readOthers(db: Db, query: AuditQuery, fetch: number): Promise<AuditItem[]> {
  await ensureAuditIndexes(db);
  const clauses: Record<string, unknown>[] = [...timeFilter(query)];
  if (query.resource !== undefined) clauses.push({ resource: query.resource });
  if (query.resourceId !== undefined) clauses.push({ resourceId: query.resourceId });
  if (query.actor !== undefined) clauses.push({ 'actor.userId': query.actor });
  if (query.runId !== undefined) clauses.push({ runId: query.runId });
  if (query.action !== undefined) clauses.push({ action: query.action });
  const seen = (query.after?.seen ?? [])
    .filter((id) => id.startsWith('audit:'))
    .map((id) => auditIdValue(id.slice(6)));
  clauses.push(...afterCursor(query.after, seen));
  const docs = await db
    .collection<StoredAuditEntry>(auditCollection)
    .find((clauses.length === 0 ? {} : { $and: clauses }) as Filter<StoredAuditEntry>)
    .sort({ at: -1 })
    .limit(fetch)
    .toArray();
  return docs.map((doc) => ({
    id: `audit:${auditIdText(doc._id)}`,
    at: doc.at,
    actor: doc.actor,
    action: doc.action,
    resource: doc.resource,
    resourceId: doc.resourceId,
    diff: doc.diff ?? {},
    ...(doc.runId === undefined ? {} : { runId: doc.runId }),
  }));
}
