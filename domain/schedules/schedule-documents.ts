/** The collection of the Temporal Schedules this deployment owns, one per schedule trigger. */
export const schedulesCollection = 'schedules';

/**
 * A schedule trigger of a published version and the Temporal Schedule that serves it. The record
 * is written before Temporal is called and removed after, so it is the list of what this
 * deployment owns: a reconcile after a crash finds every schedule to create, update or delete,
 * and never touches schedules of another deployment on the same Temporal namespace.
 */
export interface ScheduleRecord {
  /** The Temporal Schedule id, {@link scheduleIdFor}. */
  _id: string;
  workflowId: string;
  nodeId: string;
  /** The published version the schedule starts. */
  version: number;
  cron: string;
  timezone: string;
  /**
   * `pending` while Temporal may not match the record yet, `synced` once it does, `deleting`
   * once the trigger is gone and the Temporal Schedule is to be deleted.
   */
  state: 'pending' | 'synced' | 'deleting';
  /** Why the last attempt to bring Temporal in line failed; cleared when one succeeds. */
  error?: string;
  updatedAt: string;
}

/**
 * The Temporal Schedule id of a schedule trigger: stable across versions, so publishing a new
 * version updates the schedule instead of replacing it. Node ids never contain a dot.
 *
 * @example
 * scheduleIdFor('7c9e…', 'nightly'); // 'sched-7c9e….nightly'
 */
export function scheduleIdFor(workflowId: string, nodeId: string): string {
  return `sched-${workflowId}.${nodeId}`;
}
