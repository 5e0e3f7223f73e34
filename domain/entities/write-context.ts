/** Who writes and why; every repository write takes one. */
export interface WriteContext {
  actor: { userId: string };
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
