import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { runSearchAttributes } from '../workflows/start-run';

/** The run whose write recorded an event, as the loop guard needs it. */
export interface CausingRun {
  /** Its Ledgerline workflow; undefined when the run cannot be found any more. */
  workflowId: string | undefined;
  /** Its depth in a chain of triggered runs: 1 for a run a person, schedule or webhook started. */
  chainDepth: number;
}

/** The memo key under which the dispatcher stores a triggered run's chain depth at its start. */
export const chainDepthMemo = 'ledgerlineChainDepth';

const maxCached = 10_000;

/**
 * Finds out which workflow a run belongs to and how deep in a chain it is, for events its writes
 * recorded, from the run on Temporal: its workflow is a search attribute, and a run the dispatcher
 * started carries its depth in its memo from its start on, so before any write it makes. A child
 * run (a `flow.subworkflow` run, or an error run) takes its parent's depth, the parent as Temporal
 * records it, whatever form its id has; any other run (manual, scheduled, webhook) is a chain's
 * first.
 * Answers are cached: they never change for a run id.
 *
 * @example
 * const causingRun = createCausingRunResolver({ temporal });
 * const { workflowId, chainDepth } = await causingRun(event.runId);
 */
export function createCausingRunResolver(deps: { temporal: Client }): (runId: string) => Promise<CausingRun> {
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
    let description;
    try {
      description = await deps.temporal.workflow.getHandle(runId).describe();
    } catch (error: unknown) {
      if (error instanceof WorkflowNotFoundError) return { workflowId: undefined, chainDepth: 1 };
      throw error;
    }
    const workflowId = description.typedSearchAttributes.get(runSearchAttributes.workflowId);
    const depth = description.memo?.[chainDepthMemo];
    if (typeof depth === 'number') return { workflowId, chainDepth: depth };
    const parent = description.parentExecution?.workflowId;
    return { workflowId, chainDepth: parent ? (await resolve(parent)).chainDepth : 1 };
  }

  return resolve;
}
