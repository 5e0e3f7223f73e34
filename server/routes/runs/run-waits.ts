import type { Db } from 'mongodb';
import { readHead } from '../../../domain/entities';
import { describeWait, waitingVisits, type WaitingFor } from '../../../domain/workflows';
import { isEntityType } from '../../../schemas';

/** Waits described per run; a run waits at a handful of nodes at most, more is a runaway forEach. */
const maxWaitsPerRun = 20;

/**
 * What the waiting flow.waitFor visits of a trace wait for, in words, each with its record read
 * as it is now (for its number).
 */
export async function waitingForOf(db: Db, trace: readonly unknown[]): Promise<WaitingFor[]> {
  const visits = waitingVisits(trace).slice(0, maxWaitsPerRun);
  return Promise.all(
    visits.map(async (visit) => {
      const { entityType, id } = visit.params;
      const record = isEntityType(entityType)
        ? await readHead(db, entityType, id).catch(() => undefined)
        : undefined;
      return describeWait(visit, record);
    }),
  );
}
