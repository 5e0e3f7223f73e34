import type { ScheduleSync } from '../../../domain/schedules';
import type { PublicationListener } from '../workflows';

/**
 * Syncs a workflow's Temporal Schedules after each publish, unpublish and archive. A publish
 * response lists the schedules of the new version under `schedules`, each with the error Temporal
 * gave when it could not be brought in line (it is retried in the background).
 */
export function schedulePublicationListener(schedules: ScheduleSync): PublicationListener {
  return async (change) => {
    const outcome = await schedules.syncWorkflow(change.workflowId);
    if (change.publishedVersion === undefined) return {};
    const items = [
      ...outcome.upserted.map((id) => ({ id, synced: true })),
      ...outcome.failed.map((failure) => ({ id: failure.scheduleId, synced: false, error: failure.error })),
    ];
    return items.length === 0 ? {} : { schedules: items };
  };
}
