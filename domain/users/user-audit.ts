import type { Db } from 'mongodb';
import { appendAudit } from '../audit/audit-log';

/** Who made a change; `system` for the first-start admin. */
export interface AuditActor {
  userId: string;
  email: string;
}

export interface UserAuditEntry {
  actor: AuditActor;
  action: 'user.created' | 'user.updated' | 'user.roleChanged' | 'apiToken.created' | 'apiToken.deleted';
  resource: 'user' | 'apiToken';
  resourceId: string;
  /** Changed fields as `{field: {from, to}}`; secrets and password hashes never appear. */
  diff: Record<string, { from?: unknown; to?: unknown }>;
}

export const systemActor: AuditActor = { userId: 'system', email: 'system' };

/** Appends a user or token change to the shared append-only audit log. */
export async function appendUserAudit(db: Db, entry: UserAuditEntry): Promise<void> {
  const actor: { userId: string } = entry.actor;
  await appendAudit(db, { ...entry, actor, at: new Date().toISOString() });
}
