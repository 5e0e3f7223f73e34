import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { entityTypes, getEntityMeta, type EntityType } from '../../schemas';
import { parseDocumentNumber, sequenceKey } from '../rules';
import type { ChangeKind, FieldChange } from '../events/change-event';
import { raiseSequenceHint } from './counters';
import { entityCollection, toRecord, type StoredEntity } from './entity-document';
import { duplicateKeysOf } from './possible-duplicates';
import { seedKeyClaims } from './unique-keys';
import { ensureVersionLogIndexes, versionKey, versionLog, type VersionDocument } from './version-log';

/** The former layout's outbox entry, as far as the migration reads it. */
interface LegacyEvent {
  id: string;
  seq: number;
  event: ChangeKind;
  changes: Record<string, FieldChange>;
  at: string;
  actor: { userId: string };
  runId?: string;
  dispatched: boolean;
}

const migrationsCollection = 'migrations';
const migrationId = 'entity-version-log';

/** What a migration run did. */
export interface MigrationReport {
  alreadyDone: boolean;
  records: number;
  /** Versions written to the log, among them undispatched events carried over. */
  versions: number;
}

/**
 * Converts a data directory written by the former layout (records with an `_events` outbox, write
 * claims, a separate audit collection) into the version log, once. Each record's current version
 * becomes its version document, with its event when the outbox still held it (dispatched or not, as
 * it was), its unique key claims and its document number; an older event still undispatched becomes
 * a version document of its own, carrying the record as it is now (the outbox kept no older states),
 * so its triggers still run. The projection loses the outbox fields and gains the duplicate keys.
 * The old audit entries stay in `audit` as the history before the migration.
 *
 * Resumable and idempotent: every step is an insert keyed by version (a repeat meets its own key) or
 * a replace of the projection at the version it read, and the run is marked done only at the end.
 * Writers may run meanwhile: they commit to the log, and the migration never replaces a projection
 * that moved on.
 */
export async function migrateToVersionLog(
  db: Db,
  log?: { info(obj: object, msg: string): void },
): Promise<MigrationReport> {
  const marks = db.collection<{ _id: string; at: string; records: number }>(migrationsCollection);
  if ((await marks.findOne({ _id: migrationId })) !== null)
    return { alreadyDone: true, records: 0, versions: 0 };
  await ensureVersionLogIndexes(db);
  let records = 0;
  let versions = 0;
  for (const type of entityTypes) {
    await dropLegacyIndexes(db, type);
    const highest = new Map<string, number>();
    for await (const doc of entityCollection(db, type).find({})) {
      records += 1;
      versions += await migrateRecord(db, type, doc);
      const numbering = getEntityMeta(type).numbering;
      const parsed = numbering === undefined ? undefined : parseDocumentNumber(String(doc[numbering.field]));
      if (parsed !== undefined) {
        const key = sequenceKey(parsed.prefix, parsed.year);
        highest.set(key, Math.max(highest.get(key) ?? 0, parsed.sequence));
      }
    }
    for (const [key, last] of highest) await raiseSequenceHint(db, key, last);
  }
  try {
    await marks.insertOne({ _id: migrationId, at: new Date().toISOString(), records });
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
  }
  if (records > 0) log?.info({ records, versions }, 'entity records moved to the version log');
  return { alreadyDone: false, records, versions };
}

async function migrateRecord(db: Db, type: EntityType, doc: StoredEntity): Promise<number> {
  const legacy = Array.isArray(doc._events) ? (doc._events as LegacyEvent[]) : [];
  const record: StoredEntity = {
    ...toRecord(doc),
    ...(doc._applied === undefined ? {} : { _applied: doc._applied }),
  };
  const numbering = getEntityMeta(type).numbering;
  let written = 0;
  const wanted = legacy.filter((e) => !e.dispatched && e.seq < doc.version).map((e) => e.seq);
  for (const version of [...wanted, doc.version]) {
    const event = legacy.find((e) => e.seq === version);
    const inserted = await insertIfNew(db, {
      _id: versionKey(type, doc._id, version),
      type,
      entityId: doc._id,
      version,
      kind: event?.event ?? (version === 1 ? 'created' : 'updated'),
      record: version === doc.version ? record : { ...record, version },
      changes: event?.changes ?? {},
      eventId: event?.id ?? randomUUID(),
      at: event?.at ?? (typeof doc.updatedAt === 'string' ? doc.updatedAt : new Date().toISOString()),
      actor: event?.actor ?? { userId: typeof doc.updatedBy === 'string' ? doc.updatedBy : 'system' },
      ...(event?.runId === undefined ? {} : { runId: event.runId }),
      claim:
        version === doc.version && numbering !== undefined && typeof doc[numbering.field] === 'string'
          ? String(doc[numbering.field])
          : versionKey(type, doc._id, version),
      dispatched: event?.dispatched ?? true,
      seq: Date.parse(event?.at ?? '') || Date.now(),
    });
    if (inserted) written += 1;
  }
  await seedKeyClaims(db, type, record);
  if (doc._events !== undefined || doc._outboxRev !== undefined || doc._idem !== undefined) {
    await entityCollection(db, type).replaceOne(
      { _id: doc._id, version: doc.version },
      { ...record, ...duplicateKeysOf(type, record) },
    );
  }
  return written;
}

async function insertIfNew(db: Db, doc: VersionDocument): Promise<boolean> {
  try {
    await versionLog(db).insertOne(doc);
    return true;
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
    return false;
  }
}

/** The former layout's outbox index and the unique indexes the version log's claims replace. */
async function dropLegacyIndexes(db: Db, type: EntityType): Promise<void> {
  const collection = entityCollection(db, type);
  const existing = await collection.indexes().catch(() => []);
  for (const index of existing) {
    const name = String(index.name);
    if (name === 'outbox_dispatched' || name.startsWith('unique_')) await collection.dropIndex(name);
  }
}
