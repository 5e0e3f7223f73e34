import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { Logger } from '../../platform/logger';
import {
  createWorkflowStore,
  WorkflowNotFoundError,
  type WorkflowStore,
  type WorkflowVersionDocument,
} from '../workflows';
import { scheduleOptions, scheduleParams } from './schedule-action';
import { scheduleIdFor, schedulesCollection, type ScheduleRecord } from './schedule-documents';

export interface ScheduleSyncDeps {
  db: Db;
  temporal: Client;
  /** The workers' task queue, where scheduled runs start. */
  taskQueue: string;
  log: Logger;
  workflows?: WorkflowStore;
  now?: () => Date;
}

export type ScheduleSync = ReturnType<typeof createScheduleSync>;

/** What one sync changed, for the publish response and the logs. */
export interface SyncOutcome {
  workflowId: string;
  upserted: string[];
  deleted: string[];
  failed: Array<{ scheduleId: string; error: string }>;
}

/** Retries of a failed sync back off to this, and a full reconcile runs this often anyway. */
const maxRetryDelayMs = 5 * 60_000;

function messageOf(error: unknown): string {
  const cause = (error as { cause?: { details?: unknown } }).cause;
  const details = typeof cause?.details === 'string' && cause.details !== '' ? `: ${cause.details}` : '';
  return `${(error as Error).message}${details}`;
}

/**
 * Keeps Temporal Schedules in step with the published versions' `trigger.schedule` nodes: one
 * schedule per trigger node (id from workflow id and node id), created or updated when a version
 * is published and deleted on unpublish or archive. Intent is written to the `schedules`
 * collection before Temporal is called, so {@link ScheduleSync.reconcile} (run at server start,
 * after failures and periodically) repairs whatever a crash left half done.
 *
 * @example
 * const schedules = createScheduleSync({ db, temporal, taskQueue, log });
 * await schedules.syncWorkflow(workflowId); // after a publish
 * await schedules.reconcile(); // at start
 */
export function createScheduleSync(deps: ScheduleSyncDeps) {
  const records = deps.db.collection<ScheduleRecord>(schedulesCollection);
  const workflows = deps.workflows ?? createWorkflowStore(deps.db);
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  // Syncs of one workflow run one after another, so the last one reads the latest publication.
  const queues = new Map<string, Promise<unknown>>();
  const retries = new Map<string, { timer: NodeJS.Timeout; delayMs: number }>();
  let closed = false;

  async function publishedVersion(workflowId: string): Promise<WorkflowVersionDocument | undefined> {
    try {
      return await workflows.getPublished(workflowId);
    } catch (error: unknown) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async function upsertInTemporal(
    version: WorkflowVersionDocument,
    nodeId: string,
    params: Record<string, unknown>,
  ) {
    const options = scheduleOptions(version, nodeId, params, deps.taskQueue);
    try {
      await deps.temporal.schedule.create(options);
    } catch (error: unknown) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      const { scheduleId: _id, memo: _memo, ...update } = options;
      // A pause set by an operator (Temporal UI or CLI) survives a new version.
      await deps.temporal.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...update,
        state: { paused: previous.state.paused, note: previous.state.note },
      }));
    }
  }

  async function deleteInTemporal(scheduleId: string): Promise<void> {
    try {
      await deps.temporal.schedule.getHandle(scheduleId).delete();
    } catch (error: unknown) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }

  async function sync(workflowId: string): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { workflowId, upserted: [], deleted: [], failed: [] };
    const version = await publishedVersion(workflowId);
    const wanted = (version?.triggers ?? []).filter((trigger) => trigger.type === 'trigger.schedule');
    const wantedIds = new Set(wanted.map((trigger) => scheduleIdFor(workflowId, trigger.nodeId)));
    const owned = await records.find({ workflowId }).toArray();

    for (const record of owned.filter((r) => !wantedIds.has(r._id))) {
      try {
        await records.updateOne({ _id: record._id }, { $set: { state: 'deleting', updatedAt: now() } });
        await deleteInTemporal(record._id);
        await records.deleteOne({ _id: record._id, state: 'deleting' });
        outcome.deleted.push(record._id);
      } catch (error: unknown) {
        outcome.failed.push({ scheduleId: record._id, error: messageOf(error) });
        await records.updateOne({ _id: record._id }, { $set: { error: messageOf(error) } });
      }
    }
    if (!version) return outcome;
    for (const trigger of wanted) {
      const scheduleId = scheduleIdFor(workflowId, trigger.nodeId);
      const { cron, timezone } = scheduleParams(trigger.params);
      try {
        await records.updateOne(
          { _id: scheduleId },
          {
            $set: {
              workflowId,
              nodeId: trigger.nodeId,
              version: version.version,
              cron,
              timezone,
              state: 'pending',
              updatedAt: now(),
            },
          },
          { upsert: true },
        );
        await upsertInTemporal(version, trigger.nodeId, trigger.params);
        await records.updateOne(
          { _id: scheduleId, version: version.version },
          { $set: { state: 'synced' }, $unset: { error: '' } },
        );
        outcome.upserted.push(scheduleId);
      } catch (error: unknown) {
        outcome.failed.push({ scheduleId, error: messageOf(error) });
        await records.updateOne({ _id: scheduleId }, { $set: { error: messageOf(error) } });
      }
    }
    return outcome;
  }

  function retryLater(workflowId: string): void {
    if (closed) return;
    const previous = retries.get(workflowId);
    if (previous) clearTimeout(previous.timer);
    const delayMs = Math.min((previous?.delayMs ?? 1000) * 2, maxRetryDelayMs);
    const timer = setTimeout(() => {
      retries.delete(workflowId);
      void api.syncWorkflow(workflowId).catch(() => undefined);
    }, delayMs);
    timer.unref();
    retries.set(workflowId, { timer, delayMs });
  }

  const api = {
    async ensureIndexes(): Promise<void> {
      await records.createIndex({ workflowId: 1 });
    },

    /**
     * Brings the Temporal Schedules of one workflow in line with its published version (none when
     * it is unpublished or archived). A failure is recorded on the schedule, logged and retried
     * with backoff; the outcome says what failed.
     */
    async syncWorkflow(workflowId: string): Promise<SyncOutcome> {
      const previous = queues.get(workflowId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => sync(workflowId));
      queues.set(workflowId, next);
      try {
        const outcome = await next;
        if (outcome.failed.length > 0) {
          deps.log.warn({ ...outcome }, 'schedule sync failed; will retry');
          retryLater(workflowId);
        } else {
          const retry = retries.get(workflowId);
          if (retry) clearTimeout(retry.timer);
          retries.delete(workflowId);
        }
        return outcome;
      } catch (error: unknown) {
        deps.log.warn({ err: error, workflowId }, 'schedule sync failed; will retry');
        retryLater(workflowId);
        throw error;
      } finally {
        if (queues.get(workflowId) === next) queues.delete(workflowId);
      }
    },

    /**
     * Syncs every workflow that has a published schedule trigger or an owned schedule record, so
     * Temporal matches the published versions even after a crash between publish and sync.
     */
    async reconcile(): Promise<SyncOutcome[]> {
      const published = await workflows.listPublishedTriggers();
      const ids = new Set([
        ...published
          .filter((entry) => entry.triggers.some((trigger) => trigger.type === 'trigger.schedule'))
          .map((entry) => entry.workflowId),
        ...(await records.distinct('workflowId')),
      ]);
      const outcomes: SyncOutcome[] = [];
      for (const workflowId of ids) {
        outcomes.push(
          await api.syncWorkflow(workflowId).catch((error: unknown) => ({
            workflowId,
            upserted: [],
            deleted: [],
            failed: [{ scheduleId: '', error: messageOf(error) }],
          })),
        );
      }
      return outcomes;
    },

    /** The owned schedule records, optionally of one workflow, in id order. */
    records(workflowId?: string): Promise<ScheduleRecord[]> {
      return records
        .find(workflowId === undefined ? {} : { workflowId })
        .sort({ _id: 1 })
        .toArray();
    },

    /** Stops pending retries (tests, shutdown). */
    close(): void {
      closed = true;
      for (const { timer } of retries.values()) clearTimeout(timer);
      retries.clear();
    },
  };
  return api;
}
