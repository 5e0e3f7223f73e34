import type { Db } from 'mongodb';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { runSearchAttributes } from '../workflows/start-run';
import { findStartedDispatch } from './dispatch-log';

/** The run whose write recorded an event, as the loop guard needs it. */
export interface CausingRun {
  /** Its Ledgerline workflow; undefined when the run cannot be found any more. */
  workflowId: string | undefined;
  /** Its depth in a chain of triggered runs: 1 for a run a person, schedule or webhook started. */
  chainDepth: number;
}

/** A child run's id is `<parentRunId>/<nodeId>/<visit>` (see the worker's child runs). */
const childRunId = /^(.+)\/[A-Za-z0-9_-]{1,64}\/\d+$/;

const maxCached = 10_000;

/**
 * Finds out which workflow a run belongs to and how deep in a chain it is, for events its writes
 * recorded. A run the dispatcher started is in the dispatch log (written before its start, so before
 * any write it makes); a child run takes its parent's depth; any other run (manual, scheduled,
 * webhook) is a chain's first and its workflow comes from its search attributes. Answers are cached:
 * they never change for a run id.
 *
 * @example
 * const causingRun = createCausingRunResolver({ db, temporal });
 * const { workflowId, chainDepth } = await causingRun(event.runId);
 */
export function createCausingRunResolver(deps: {
  db: Db;
  temporal: Client;
}): (runId: string) => Promise<CausingRun> {
  const cache = new Map<string, CausingRun>();

  async function resolve(runId: string): Promise<CausingRun> {
    const cached = cache.get(runId);
    if (cached !== undefined) return cached;
    const found = await lookUp(runId);
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
    cache.set(runId, found);
    return found;
  }

  async function lookUp(runId: string): Promise<CausingRun> {
    const dispatch = await findStartedDispatch(deps.db, runId);
    if (dispatch !== undefined) return { workflowId: dispatch.workflowId, chainDepth: dispatch.chainDepth };
    const parent = childRunId.exec(runId)?.[1];
    const chainDepth = parent === undefined ? 1 : (await resolve(parent)).chainDepth;
    return { workflowId: await workflowOf(runId), chainDepth };
  }

  async function workflowOf(runId: string): Promise<string | undefined> {
    try {
      const description = await deps.temporal.workflow.getHandle(runId).describe();
      return description.typedSearchAttributes.get(runSearchAttributes.workflowId);
    } catch (error: unknown) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  return resolve;
}
