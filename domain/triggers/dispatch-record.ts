import type { Db } from 'mongodb';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from '../../platform/logger';
import type { EntityType } from '../../schemas';
import { entityChangedSignalName, type EntityChangedArgs } from '../../workflows/runtime/run-contract';
import { toRecord, type EntityRecord } from '../entities/entity-document';
import { readHead } from '../entities/projection';
import { readVersion } from '../entities/version-log';
import type { EntityChangeEvent } from '../events/change-event';
import { changeEventOf, findRecordPendingVersions, markVersionsDispatched } from '../events/pending-events';
import { startRun } from '../workflows/start-run';
import { recordLabel } from '../workflows/run-title';
import type { WorkflowVersionDocument } from '../workflows/workflow-documents';
import { chainDepthMemo, type CausingRun } from './causing-run';
import { recordDispatch, type DispatchLogEntry, type SkipReason } from './dispatch-log';
import type { ConditionPool } from './condition-pool';
import { listensTo, type EntityTrigger } from './entity-trigger-match';
import { findWatches, removeRunWatches, type EntityWatchDocument } from './entity-watches';
import { buildTriggerEvent, type EntityTriggerEvent } from './trigger-event';
import type { Limiter } from './limiter';
import { triggerRunId } from './trigger-run-id';

/** What dispatching needs; built once by the dispatcher. */
export interface DispatchContext {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  triggers: () => Promise<readonly EntityTrigger[]>;
  causingRun: (runId: string) => Promise<CausingRun>;
  /** A published version with its definition (immutable, so the caller may cache it). */
  version: (workflowId: string, version: number) => Promise<WorkflowVersionDocument>;
  maxChainDepth: number;
  /** Evaluates trigger conditions off this process's event loop. */
  conditions: ConditionPool;
  /** Bounds on the run starts and the dispatch marks in flight, which each land on one serial store. */
  limits: { starts: Limiter; marks: Limiter };
  /** Counts outcomes, for logs and metrics. */
  count: (what: DispatchCounter, n?: number) => void;
}

export type DispatchCounter =
  | 'eventsDispatched'
  | 'runsStarted'
  | 'runsAlreadyStarted'
  | 'skippedOwnWrite'
  | 'skippedChainDepth'
  | 'conditionErrors'
  | 'watchSignals';

/**
 * Dispatches every undispatched event of one record, oldest version first: signals the runs waiting
 * on the record, starts the run of each matching published trigger, then marks the versions
 * dispatched. A run is started under an id derived from the event and the trigger, with a start that
 * Temporal refuses for an id ever used, so an event delivered twice (two dispatchers, a crash before
 * the mark) starts one run. An event whose dispatch fails stays undispatched, with every later one,
 * for the next try. When the oldest version was pending for a while, the record's projection is
 * brought forward afterwards, which heals one a crashed writer left behind.
 */
export async function dispatchRecord(
  ctx: DispatchContext,
  type: EntityType,
  entityId: string,
  knownVersion?: number,
): Promise<void> {
  const pending = await findRecordPendingVersions(ctx.db, type, entityId, knownVersion);
  if (pending.length === 0) return;
  const first = pending[0]!;
  let previous =
    first.version === 1 ? undefined : (await readVersion(ctx.db, type, entityId, first.version - 1))?.record;
  const watches = await findWatches(ctx.db, type, entityId);
  const done: string[] = [];
  try {
    for (const doc of pending) {
      const entity = toRecord(doc.record);
      const event = changeEventOf(doc, previous === undefined ? undefined : toRecord(previous));
      await dispatchEvent(ctx, { type, entity, event, watches });
      done.push(doc._id);
      previous = doc.record;
    }
  } finally {
    if (done.length > 0) {
      await ctx.limits.marks(() => markVersionsDispatched(ctx.db, done));
      ctx.count('eventsDispatched', done.length);
      // A version this old was left by a writer that may have crashed before projecting it.
      if (knownVersion !== undefined && first.seq < Date.now() - healAfterMs)
        await readHead(ctx.db, type, entityId);
    }
  }
}

/** Pending versions older than this get their record's projection checked against the log. */
const healAfterMs = 5_000;

interface EventInput {
  type: EntityType;
  entity: EntityRecord;
  event: EntityChangeEvent;
  watches: readonly EntityWatchDocument[];
}

async function dispatchEvent(ctx: DispatchContext, input: EventInput): Promise<void> {
  const { event } = input;
  const causing = event.runId === undefined ? undefined : await ctx.causingRun(event.runId);
  const trigger = buildTriggerEvent({
    entityType: input.type,
    entity: input.entity,
    event,
    chainDepth: (causing?.chainDepth ?? 0) + 1,
  });
  for (const watch of input.watches) await signalWatch(ctx, watch, trigger);
  const candidates = (await ctx.triggers()).filter((t) => listensTo(t, input.type, event.event));
  for (const candidate of candidates) await dispatchTrigger(ctx, candidate, trigger, causing);
}

async function dispatchTrigger(
  ctx: DispatchContext,
  trigger: EntityTrigger,
  event: EntityTriggerEvent,
  causing: CausingRun | undefined,
): Promise<void> {
  const runId = triggerRunId(event.eventId, trigger.workflowId, trigger.nodeId);
  const entry: DispatchLogEntry = {
    _id: runId,
    outcome: 'skipped',
    workflowId: trigger.workflowId,
    version: trigger.version,
    nodeId: trigger.nodeId,
    entityType: event.entityType,
    entityId: event.entityId,
    eventId: event.eventId,
    event: event.event,
    chainDepth: event.chainDepth,
    ...(event.causedByRunId === undefined ? {} : { causedByRunId: event.causedByRunId }),
    at: new Date().toISOString(),
  };
  const condition = await ctx.conditions.evaluate(trigger.condition, event);
  if ('error' in condition) {
    ctx.count('conditionErrors');
    ctx.log.warn({ ...entry, error: condition.error }, 'trigger condition failed; counted as no match');
    return recordDispatch(ctx.db, { ...entry, outcome: 'conditionFailed', message: condition.error });
  }
  if (!condition.matched) return;
  // The loop guard: a workflow's runs never retrigger it, and chains of runs stop at the limit.
  if (causing?.workflowId === trigger.workflowId) return skip(ctx, entry, 'ownWrite');
  if (event.chainDepth > ctx.maxChainDepth) return skip(ctx, entry, 'chainDepth');
  try {
    const version = await ctx.version(trigger.workflowId, trigger.version);
    await ctx.limits.starts(() =>
      startRun(ctx.temporal, {
        version,
        startNodeId: trigger.nodeId,
        triggerKind: 'entity',
        trigger: event,
        input: {},
        runId,
        startOnce: true,
        record: { entityType: event.entityType, entityId: event.entityId, label: recordLabel(event.entity) },
        // Read back when the run's own writes are dispatched (see createCausingRunResolver).
        memo: { [chainDepthMemo]: event.chainDepth },
        taskQueue: ctx.taskQueue,
      }),
    );
    ctx.count('runsStarted');
    ctx.log.debug({ runId, workflowId: trigger.workflowId, eventId: event.eventId }, 'trigger started a run');
  } catch (error: unknown) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    ctx.count('runsAlreadyStarted');
  }
}

async function skip(ctx: DispatchContext, entry: DispatchLogEntry, reason: SkipReason): Promise<void> {
  const message =
    reason === 'ownWrite'
      ? `the event was written by run ${entry.causedByRunId} of this workflow`
      : `the run would be number ${entry.chainDepth} in a chain of triggered runs; the limit is ${ctx.maxChainDepth}`;
  ctx.count(reason === 'ownWrite' ? 'skippedOwnWrite' : 'skippedChainDepth');
  if (reason === 'chainDepth') ctx.log.warn({ ...entry, reason }, `trigger skipped: ${message}`);
  await recordDispatch(ctx.db, { ...entry, outcome: 'skipped', reason, message });
}

/** Hands a waiting `flow.waitFor` the record as this event left it; a closed run's watches go. */
async function signalWatch(
  ctx: DispatchContext,
  watch: EntityWatchDocument,
  event: EntityTriggerEvent,
): Promise<void> {
  const args: EntityChangedArgs = { entityType: event.entityType, id: event.entityId, entity: event.entity };
  try {
    await ctx.temporal.workflow.getHandle(watch.runId).signal(entityChangedSignalName, args);
    ctx.count('watchSignals');
  } catch (error: unknown) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    await removeRunWatches(ctx.db, watch.runId);
  }
}
