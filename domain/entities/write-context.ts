import type { Role } from '../../schemas/vocabulary';

/** Who writes and why; every repository write takes one. */
export interface WriteContext {
  actor: { userId: string };
  /**
   * The roles the write is checked against (entity permissions, `x-transition-roles`,
   * `x-controlled`): a person's own, a run's workflow version's publisher's, `admin` for the
   * deployment's own seeding and for derived writes (see {@link derivedWrite}).
   */
  roles: readonly Role[];
  /** The workflow run making the write; its events carry it so the run does not retrigger itself. */
  runId?: string;
  /**
   * Makes the write happen at most once: a create with a key already used returns the record it created,
   * an update whose key is among the record's latest applied keys returns the record unchanged.
   * Workflow activities pass `<workflowId>/<nodeId>/<visit>`.
   */
  idempotencyKey?: string;
}

/** Update keys remembered per record; a retry arrives long before this many later writes. */
export const keptAppliedKeys = 50;

/**
 * The context of a write the repository makes to keep records in step with an allowed one (an
 * invoice recomputed after a payment, stock posted by a goods receipt): the write that causes it
 * was checked, so its consequences are not checked again against the writer's roles.
 */
export function derivedWrite(ctx: WriteContext, idempotencyKey?: string): WriteContext {
  return {
    actor: ctx.actor,
    roles: ['admin'],
    ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}
