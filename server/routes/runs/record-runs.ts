import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import { versionLog } from '../../../domain/entities/version-log';
import { findWatches } from '../../../domain/triggers';
import { recordLabel, type WaitingFor } from '../../../domain/workflows';
import { entityTypeNames, type EntityType } from '../../../schemas/vocabulary';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';
import { recordIdPattern } from '../entities/request-guards';
import { resolveRunIdParam } from './run-id';
import { listRuns } from './run-list';
import { runSummary, type RunSummary } from './run-summary';
import { waitingForOf } from './run-waits';
import { describeRun, readTrace } from './run-view';

/** One write a run made to a record: a committed version of it. */
interface RunWrite {
  version: number;
  kind: string;
  at: string;
}

/** A record a run created, changed or deleted, with its writes in order. */
export interface RunRecordWrites {
  entityType: string;
  entityId: string;
  label: string | null;
  writes: RunWrite[];
}

/** A run waiting on a record, with what it waits for there. */
export interface WaitingRun extends RunSummary {
  waitingFor: WaitingFor[];
}

const maxWrites = 500;
/** Waiting runs described per record: each costs a trace query. */
const maxWaitingRuns = 20;

function entityTypeOf(type: string): EntityType {
  if (!(entityTypeNames as readonly string[]).includes(type)) {
    throw new HttpError('not_found', `unknown entity type ${type}`);
  }
  return type as EntityType;
}

/**
 * The records a run wrote, read from the version log (every entity write records its run), by
 * record in order of first write.
 */
export async function recordsWrittenBy(db: Db, runId: string): Promise<RunRecordWrites[]> {
  const versions = await versionLog(db)
    .find({ runId }, { projection: { type: 1, entityId: 1, version: 1, kind: 1, at: 1, record: 1 } })
    .sort({ at: 1 })
    .limit(maxWrites)
    .toArray();
  const records = new Map<string, RunRecordWrites>();
  for (const version of versions) {
    const key = `${version.type}/${version.entityId}`;
    const entry = records.get(key) ?? {
      entityType: version.type,
      entityId: version.entityId,
      label: null,
      writes: [],
    };
    entry.label = recordLabel(version.record) ?? entry.label;
    entry.writes.push({ version: version.version, kind: version.kind, at: version.at });
    records.set(key, entry);
  }
  return [...records.values()];
}

/**
 * The open runs waiting in flow.waitFor on one record, found by the watches they registered, each
 * with its waits on that record. A run that no longer answers (closed meanwhile) is left out.
 */
export async function runsWaitingOn(
  db: Db,
  temporal: Client,
  entityType: string,
  entityId: string,
): Promise<WaitingRun[]> {
  const watches = await findWatches(db, entityType, entityId, { limit: maxWaitingRuns });
  const runIds = [...new Set(watches.map((watch) => watch.runId))];
  const runs = await Promise.all(
    runIds.map(async (runId): Promise<WaitingRun | undefined> => {
      const run = await describeRun(temporal, runId).catch(() => undefined);
      if (run === undefined) return undefined;
      const { handle, description } = run;
      const { trace } = await readTrace(temporal, handle);
      const waitingFor = (await waitingForOf(db, trace)).filter(
        (wait) => wait.entityType === entityType && wait.entityId === entityId,
      );
      return waitingFor.length === 0 ? undefined : { ...runSummary(description), waitingFor };
    }),
  );
  return runs.filter((run): run is WaitingRun => run !== undefined);
}

/**
 * The record side of runs: `GET /entities/:type/:id/runs` (the runs the record triggered, from the
 * record search attributes, the runs that wrote it, from the version log, and the runs waiting on
 * it in flow.waitFor, from their watches) and
 * `GET /runs/:runId/records` (what one run wrote).
 */
export function recordRoutes(deps: { db: Db; temporal: Client }): Router {
  const router = Router();
  resolveRunIdParam(router, deps.temporal);

  router.get('/entities/:type/:id/runs', async (req, res) => {
    const type = entityTypeOf(req.params.type);
    authorize(getActor(req), { resource: 'entity', type, action: 'read' });
    authorize(getActor(req), { resource: 'workflow', action: 'read' });
    const id = req.params.id;
    if (!recordIdPattern.test(id)) throw new HttpError('not_found', `${type} ${id} does not exist`);
    const triggered = await listRuns(deps.temporal, { entityType: type, entityId: id }, { limit: 50 });
    const writes = await versionLog(deps.db)
      .find(
        { type, entityId: id, runId: { $exists: true } },
        { projection: { runId: 1, version: 1, kind: 1, at: 1 } },
      )
      .sort({ at: 1 })
      .limit(maxWrites)
      .toArray();
    const byRun = new Map<string, { runId: string; writes: RunWrite[] }>();
    for (const write of writes) {
      const runId = write.runId as string;
      const entry = byRun.get(runId) ?? { runId, writes: [] };
      entry.writes.push({ version: write.version, kind: write.kind, at: write.at });
      byRun.set(runId, entry);
    }
    const triggeredRuns: RunSummary[] = triggered.items;
    const waiting = await runsWaitingOn(deps.db, deps.temporal, type, id);
    res.json({ triggered: triggeredRuns, wrote: [...byRun.values()], waiting });
  });

  router.get('/runs/:runId/records', async (req, res) => {
    authorize(getActor(req), { resource: 'workflow', action: 'read' });
    res.json({ items: await recordsWrittenBy(deps.db, req.params.runId) });
  });

  return router;
}
