import type { Db } from 'mongodb';
import { createConditionPool, type ConditionPoolOptions } from './condition-pool';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../platform/logger';
import { isEntityType, type EntityType } from '../../schemas';
import { onEntityCommit } from '../events/commit-listeners';
import { ensureOutboxIndexes, findPendingVersions } from '../events/pending-events';
import { createWorkflowStore, type WorkflowStore } from '../workflows/workflow-store';
import type { WorkflowVersionDocument } from '../workflows/workflow-documents';
import { createCausingRunResolver } from './causing-run';
import { ensureDispatchLogIndexes } from './dispatch-log';
import { dispatchRecord, type DispatchContext, type DispatchCounter } from './dispatch-record';
import { ensureWatchIndexes } from './entity-watches';
import { createLimiter } from './limiter';
import { createTriggerCatalog, onTriggerChange } from './trigger-catalog';
import { createWorkQueue } from './work-queue';

export interface TriggerDispatcherOptions {
  db: Db;
  temporal: Client;
  /** The workers' task queue, where triggered runs start. */
  taskQueue: string;
  log: Logger;
  /** Defaults to `createWorkflowStore(db)`. */
  workflows?: Pick<WorkflowStore, 'listPublishedTriggers' | 'getVersion'>;
  /** Env `TRIGGER_MAX_CHAIN_DEPTH`: the longest chain of runs starting runs. */
  maxChainDepth: number;
  /** Env `TRIGGER_SWEEP_INTERVAL_MS`: how often to look for events no in-process write announced. */
  sweepIntervalMs: number;
  /**
   * A sweep leaves events younger than this to the dispatcher of the process that wrote them, which
   * heard of them at once; default 1 s. Correctness never depends on it, only duplicate work does.
   */
  sweepGraceMs?: number;
  /**
   * Records in dispatch at the same time; default 256. Run starts and dispatch marks have bounds of
   * their own, so records waiting for their mark never hold back the next events' starts.
   */
  concurrency?: number;
  /** Full reload of the published triggers, whatever the catalog revision says; default 60 s. */
  catalogRefreshIntervalMs?: number;
  /** Threads, deadline and heap for evaluating conditions; see createConditionPool. */
  conditionPool?: ConditionPoolOptions;
}

/** Pending versions one sweep reads; a larger backlog is taken on by the sweeps that follow. */
const sweepBatch = 1000;

/** How far idle sweeps stretch the sweep interval: 16 × 2 s by default. */
const maxIdleFactor = 16;

/** Outcome counters since start. */
export type DispatcherStats = Record<DispatchCounter | 'failures', number>;

/** The entity-event trigger engine of one process; see {@link createTriggerDispatcher}. */
export interface TriggerDispatcher {
  /** Loads the triggers, listens for this process's writes and publishes, and starts sweeping. */
  start(): Promise<void>;
  /** Stops listening and sweeping and waits for the dispatches in flight. */
  stop(): Promise<void>;
  /** Dispatches the pending events of one record soon (what an in-process write triggers). */
  wake(type: EntityType, entityId: string): void;
  /** Dispatches every pending event older than `graceMs` (default: the sweep grace) and resolves when done. */
  sweep(graceMs?: number): Promise<void>;
  stats(): DispatcherStats;
}

/**
 * Creates the dispatcher that turns the change events recorded in the version log into runs of the
 * published `trigger.entity` versions, and into `entityChanged` signals for runs waiting
 * in `flow.waitFor`. It hears writes made in its own process at once (`onEntityCommit`) and sweeps
 * the version log's undispatched versions for the rest: writes of other processes and events a crash left behind. Any number
 * of dispatchers may run against one store (API servers and workers): runs have ids derived from
 * their events and start at most once, and an event is marked dispatched only after its runs started.
 *
 * @example
 * const dispatcher = createTriggerDispatcher({ db, temporal, taskQueue, log, maxChainDepth: 8, sweepIntervalMs: 2000 });
 * await dispatcher.start();
 * // … on shutdown
 * await dispatcher.stop();
 */
export function createTriggerDispatcher(options: TriggerDispatcherOptions): TriggerDispatcher {
  const { db, log } = options;
  const workflows = options.workflows ?? createWorkflowStore(db);
  const sweepGraceMs = options.sweepGraceMs ?? 1000;
  const catalog = createTriggerCatalog(db, workflows, {
    ...(options.catalogRefreshIntervalMs === undefined
      ? {}
      : { refreshIntervalMs: options.catalogRefreshIntervalMs }),
  });
  const stats: DispatcherStats = {
    eventsDispatched: 0,
    runsStarted: 0,
    runsAlreadyStarted: 0,
    skippedOwnWrite: 0,
    skippedChainDepth: 0,
    conditionErrors: 0,
    watchSignals: 0,
    failures: 0,
  };
  const versions = new Map<string, Promise<WorkflowVersionDocument>>();
  const conditions = createConditionPool(options.conditionPool);
  const context: DispatchContext = {
    db,
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    log,
    triggers: () => catalog.current(),
    causingRun: createCausingRunResolver({ temporal: options.temporal }),
    version: (workflowId, version) => {
      const key = `${workflowId}:${version}`;
      let found = versions.get(key);
      if (found === undefined) {
        found = workflows.getVersion(workflowId, version);
        versions.set(key, found);
        found.catch(() => versions.delete(key));
      }
      return found;
    },
    maxChainDepth: options.maxChainDepth,
    conditions,
    // Temporal starts a run in one write and the store marks a version in one; measured on FerretDB,
    // more than a couple of concurrent marks only contend for its lock.
    limits: { starts: createLimiter(8), marks: createLimiter(2) },
    count: (what, n = 1) => {
      stats[what] += n;
    },
  };
  // The newest version this process committed per record waiting in the queue: where the lookup
  // of its pending versions starts (see findRecordPendingVersions).
  const knownVersions = new Map<string, number>();
  const queue = createWorkQueue(options.concurrency ?? 256, async (key: string) => {
    const [type, entityId] = splitKey(key);
    const known = knownVersions.get(key);
    knownVersions.delete(key);
    try {
      await dispatchRecord(context, type, entityId, known);
    } catch (error: unknown) {
      // The events stay pending; the next sweep tries again.
      stats.failures += 1;
      log.error({ err: error, entityType: type, entityId }, 'dispatching entity events failed; will retry');
    }
  });

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  let idleSweeps = 0;
  const unsubscribe: Array<() => void> = [];

  async function sweep(graceMs = sweepGraceMs): Promise<void> {
    const olderThan = Date.now() - graceMs;
    const keys = new Set<string>();
    // One read of the `{dispatched, seq}` index of the version log, oldest first: on MongoDB its
    // cost follows the backlog, never the number of records.
    const found = await findPendingVersions(db, { limit: sweepBatch });
    for (const doc of found) {
      if (doc.seq <= olderThan) keys.add(recordKey(doc.type, doc.entityId));
    }
    idleSweeps = found.length === 0 ? idleSweeps + 1 : 0;
    await Promise.all([...keys].map((key) => queue.push(key)));
  }

  /**
   * The wait before the next sweep: the interval, doubled after each sweep that found nothing, up to
   * {@link maxIdleFactor} times. A store with no backlog is read rarely (FerretDB v1 answers this
   * query by reading the whole log); any local write or found event brings the interval back.
   */
  function nextSweepDelay(): number {
    return options.sweepIntervalMs * Math.min(2 ** idleSweeps, maxIdleFactor);
  }

  function scheduleSweep(): void {
    if (!running) return;
    timer = setTimeout(() => {
      sweeping = sweep()
        .catch((error: unknown) => {
          stats.failures += 1;
          log.error({ err: error }, 'trigger sweep failed; will retry');
        })
        .finally(() => {
          sweeping = undefined;
          scheduleSweep();
        });
    }, nextSweepDelay());
  }

  return {
    async start() {
      if (running) return;
      running = true;
      unsubscribe.push(
        onEntityCommit(db, ({ type, entityId, version }) => {
          idleSweeps = 0;
          const key = recordKey(type, entityId);
          knownVersions.set(key, Math.max(version, knownVersions.get(key) ?? 0));
          void queue.push(key);
        }),
        onTriggerChange(db, () => catalog.reload()),
      );
      try {
        await Promise.all([
          ensureOutboxIndexes(db),
          ensureDispatchLogIndexes(db),
          ensureWatchIndexes(db),
          catalog.reload(),
        ]);
      } catch (error: unknown) {
        // The store may still be starting; the sweeps retry, and the catalog loads on first use.
        log.warn({ err: error }, 'trigger dispatcher started before the store was ready');
      }
      log.info(
        { sweepIntervalMs: options.sweepIntervalMs, maxChainDepth: options.maxChainDepth },
        'trigger dispatcher started',
      );
      // The first sweep right away: events a crash left behind wait no longer than they must.
      sweeping = sweep(0)
        .catch((error: unknown) => log.warn({ err: error }, 'first trigger sweep failed; will retry'))
        .finally(() => {
          sweeping = undefined;
          scheduleSweep();
        });
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      for (const off of unsubscribe.splice(0)) off();
      await sweeping;
      await queue.drain();
      await conditions.close();
    },
    wake(type, entityId) {
      void queue.push(recordKey(type, entityId));
    },
    sweep,
    stats: () => ({ ...stats }),
  };
}

function recordKey(type: EntityType, entityId: string): string {
  return `${type}/${entityId}`;
}

function splitKey(key: string): [EntityType, string] {
  const slash = key.indexOf('/');
  const type = key.slice(0, slash);
  if (!isEntityType(type)) throw new Error(`not an entity type: ${type}`);
  return [type, key.slice(slash + 1)];
}
