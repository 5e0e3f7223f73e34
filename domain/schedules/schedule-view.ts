import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { ScheduleRecord } from './schedule-documents';

/** A schedule as the API lists it: the trigger it serves and what Temporal says of it. */
export interface ScheduleView {
  id: string;
  workflowId: string;
  version: number;
  nodeId: string;
  cron: string;
  timezone: string;
  /** `synced`, or `pending`/`deleting` while a sync is outstanding (see `error`). */
  state: ScheduleRecord['state'];
  error: string | null;
  /** Null when Temporal has no such schedule (yet). */
  paused: boolean | null;
  note: string | null;
  nextActionTimes: string[];
  /** The latest actions, oldest first: when each was due, when it started, and its run. */
  recentActions: Array<{ scheduledAt: string; takenAt: string; runId: string }>;
}

const shownNextTimes = 5;

/**
 * Describes an owned schedule in Temporal for the API.
 *
 * @example
 * const view = await describeSchedule(temporal, record);
 * view.nextActionTimes; // ['2026-03-02T06:00:00.000Z', …]
 */
export async function describeSchedule(temporal: Client, record: ScheduleRecord): Promise<ScheduleView> {
  const base: ScheduleView = {
    id: record._id,
    workflowId: record.workflowId,
    version: record.version,
    nodeId: record.nodeId,
    cron: record.cron,
    timezone: record.timezone,
    state: record.state,
    error: record.error ?? null,
    paused: null,
    note: null,
    nextActionTimes: [],
    recentActions: [],
  };
  try {
    const described = await temporal.schedule.getHandle(record._id).describe();
    return {
      ...base,
      paused: described.state.paused,
      // Temporal reports no note as an empty string.
      note: described.state.note || null,
      nextActionTimes: described.info.nextActionTimes
        .slice(0, shownNextTimes)
        .map((time) => time.toISOString()),
      recentActions: described.info.recentActions.map((action) => ({
        scheduledAt: action.scheduledAt.toISOString(),
        takenAt: action.takenAt.toISOString(),
        runId: action.action.workflow.workflowId,
      })),
    };
  } catch (error: unknown) {
    if (error instanceof ScheduleNotFoundError) return base;
    throw error;
  }
}
