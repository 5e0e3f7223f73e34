import type { Db } from 'mongodb';

/** One append-only audit record: who did what to which resource, when, and what changed. */
export interface AuditEntry {
  actor: { userId: string };
  /** e.g. `entity.created`, `entity.updated`, `entity.deleted`, `user.roleChanged`, `workflow.published`. */
  action: string;
  /** e.g. `entity:quote`, `user`, `workflow`. */
  resource: string;
  resourceId: string;
  /** Changed paths with their old and new values. */
  diff: Record<string, { from?: unknown; to?: unknown }>;
  /** ISO date-time. */
  at: string;
  runId?: string;
}

export const auditCollection = 'audit';

/**
 * Appends one record to the `audit` collection. The collection is only ever inserted into. Pass `id`
 * to make the append idempotent: a retried write appends its record once (the entity repository passes
 * the id of the change event that the write recorded).
 *
 * @example
 * await appendAudit(db, { actor: { userId: 'u1' }, action: 'user.roleChanged', resource: 'user',
 *   resourceId: 'u2', diff: { roles: { from: ['sales'], to: ['admin'] } }, at: new Date().toISOString() });
 */
export async function appendAudit(db: Db, entry: AuditEntry, id?: string): Promise<void> {
  const collection = db.collection<AuditEntry & { _id?: string }>(auditCollection);
  try {
    await collection.insertOne(id === undefined ? { ...entry } : { _id: id, ...entry });
  } catch (error: unknown) {
    if (id !== undefined && isDuplicateKey(error)) return;
    throw error;
  }
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
