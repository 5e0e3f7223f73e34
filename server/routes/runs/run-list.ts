import type { Client } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { HttpError } from '../../http/http-error';
import { decodeCursor, encodeCursor } from './run-cursor';
import { visibilityQuery, type RunFilter } from './run-filter';
import { runStatuses, runStatusOfVisibility, type RunStatus } from './run-status';
import { runSummary, type RunSummary } from './run-summary';

/** One page of runs, newest first. */
export interface RunPage {
  items: RunSummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

// gRPC's INVALID_ARGUMENT: Temporal's answer to a page token it cannot read.
const invalidArgument = 3;

/**
 * One page of the runs a filter selects, read from Temporal visibility. The cursor carries
 * Temporal's page token, so paging is stable under new runs arriving.
 */
export async function listRuns(
  temporal: Client,
  filter: RunFilter,
  page: { limit: number; cursor?: string },
): Promise<RunPage> {
  const query = visibilityQuery(filter);
  const token = page.cursor === undefined ? undefined : decodeCursor(page.cursor, query);
  if (page.cursor !== undefined && token === undefined) throw badCursor();
  const namespace = temporal.options.namespace;
  let response;
  try {
    response = await temporal.workflowService.listWorkflowExecutions({
      namespace,
      query,
      pageSize: page.limit,
      ...(token === undefined ? {} : { nextPageToken: token }),
    });
  } catch (error: unknown) {
    if (token !== undefined && (error as { code?: unknown }).code === invalidArgument) throw badCursor();
    throw error;
  }
  const items = await Promise.all(
    (response.executions ?? []).map(async (raw) =>
      runSummary(await executionInfoFromRaw(raw, temporal.options.loadedDataConverter, raw, namespace)),
    ),
  );
  const next = response.nextPageToken;
  return { items, nextCursor: next && next.length > 0 ? encodeCursor(next, query) : null };
}

function badCursor(): HttpError {
  return new HttpError('bad_request', 'invalid run list parameters', [
    { path: 'cursor', message: 'must be the nextCursor of a page of this same list' },
  ]);
}

/** How many runs the filter (without its status) selects, in total and per status. */
export interface RunCounts {
  total: number;
  byStatus: Record<RunStatus, number>;
}

/** Counts the runs of a filter per status with one visibility count grouped by status. */
export async function countRuns(temporal: Client, filter: RunFilter): Promise<RunCounts> {
  const { status: _ignored, ...rest } = filter;
  const counted = await temporal.workflow.count(`${visibilityQuery(rest)} GROUP BY ExecutionStatus`);
  const byStatus = Object.fromEntries(runStatuses.map((status) => [status, 0])) as Record<RunStatus, number>;
  for (const group of counted.groups) {
    // The SDK decodes a group's value as a one-item list.
    const raw: unknown = group.groupValues[0];
    const value = Array.isArray(raw) ? (raw[0] as unknown) : raw;
    const status = typeof value === 'string' ? runStatusOfVisibility(value) : undefined;
    if (status !== undefined) byStatus[status] += group.count;
  }
  return { total: counted.count, byStatus };
}
