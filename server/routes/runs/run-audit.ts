import type { Db } from 'mongodb';
import { appendAudit } from '../../../domain/audit/audit-log';
import type { Actor } from '../../auth/actor';

/** The recovery actions an operator takes on runs, as audit actions name them. */
export type RunAuditAction = 'run.retried' | 'run.restarted' | 'run.cancelled';

/**
 * Appends the audit record of a recovery action on `runId`; `diff` says what came of it (the new
 * run, the node restarted from, how the cancel went).
 */
export function auditRunAction(
  db: Db,
  actor: Pick<Actor, 'userId'>,
  action: RunAuditAction,
  runId: string,
  diff: Record<string, { from?: unknown; to?: unknown }>,
): Promise<void> {
  return appendAudit(db, {
    actor: { userId: actor.userId },
    action,
    resource: 'run',
    resourceId: runId,
    diff,
    at: new Date().toISOString(),
    runId,
  });
}
