import type { Client } from '@temporalio/client';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { toHttpError } from '../workflows/workflow-errors-to-http';
import { countRuns, listRuns } from './run-list';
import { readRunFilter, runFilterKeys, type RunFilter } from './run-filter';

/** The most runs one bulk action touches; a wider selection is refused, to be narrowed first. */
export const maxBulkRuns = 500;

/** A bulk action's selection: run ids, or a filter as the runs list takes it. */
export type BulkSelection = { runIds: string[] } | { filter: RunFilter };

/** What the action came to for one run. */
export type BulkResult =
  | ({ runId: string; ok: true } & Record<string, unknown>)
  | { runId: string; ok: false; error: { code: string; message: string } };

const runIdPattern = /^[A-Za-z0-9_.:-]{1,300}$/;

/**
 * Reads `{runIds}` or `{filter}` (plus the extra keys an action allows) from a bulk request body,
 * with every problem's field path.
 */
export function readBulkSelection(body: unknown, extraKeys: string[] = []): BulkSelection {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'request body must be a JSON object', [
      { path: '', message: 'must be {"runIds": [...]} or {"filter": {...}}' },
    ]);
  }
  const fields = body as Record<string, unknown>;
  const details: ErrorDetail[] = Object.keys(fields)
    .filter((key) => !['runIds', 'filter', ...extraKeys].includes(key))
    .map((key) => ({ path: key, message: 'is not an allowed property' }));
  const { runIds, filter } = fields;
  if ((runIds === undefined) === (filter === undefined)) {
    details.push({ path: 'runIds', message: 'give either runIds or filter' });
  }
  let selection: BulkSelection | undefined;
  if (runIds !== undefined) {
    if (!Array.isArray(runIds) || runIds.length === 0 || runIds.length > maxBulkRuns) {
      details.push({ path: 'runIds', message: `must be a list of 1 to ${maxBulkRuns} run ids` });
    } else {
      runIds.forEach((id, index) => {
        if (typeof id !== 'string' || !runIdPattern.test(id))
          details.push({ path: `runIds[${index}]`, message: 'must be a run id' });
      });
      selection = { runIds: [...new Set(runIds as string[])] };
    }
  }
  if (filter !== undefined) {
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
      details.push({ path: 'filter', message: 'must be an object of run list filters' });
    } else {
      const raw = filter as Record<string, unknown>;
      for (const key of Object.keys(raw)) {
        if (typeof raw[key] !== 'string' && typeof raw[key] !== 'number')
          details.push({ path: `filter.${key}`, message: 'must be a string' });
      }
      const strings = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, String(value)]));
      selection = { filter: readRunFilter(strings, details, 'filter.') };
      const known = new Set<string>(runFilterKeys);
      for (const key of Object.keys(raw)) {
        if (!known.has(key)) details.push({ path: `filter.${key}`, message: 'is not a run filter' });
      }
    }
  }
  if (details.length > 0 || selection === undefined) {
    throw new HttpError('bad_request', 'invalid bulk selection', details);
  }
  return selection;
}

/** The run ids a selection stands for, refusing a filter that selects more than {@link maxBulkRuns}. */
export async function selectedRunIds(temporal: Client, selection: BulkSelection): Promise<string[]> {
  if ('runIds' in selection) return selection.runIds;
  const counts = await countRuns(temporal, selection.filter);
  const selected =
    selection.filter.status === undefined ? counts.total : counts.byStatus[selection.filter.status];
  if (selected > maxBulkRuns) {
    throw new HttpError('bad_request', 'the filter selects too many runs', [
      { path: 'filter', message: `selects ${selected} runs; at most ${maxBulkRuns} at once` },
    ]);
  }
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns(temporal, selection.filter, {
      limit: 200,
      ...(cursor === undefined ? {} : { cursor }),
    });
    ids.push(...page.items.map((item) => item.runId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && ids.length < maxBulkRuns);
  return ids.slice(0, maxBulkRuns);
}

/**
 * Applies `action` to each run, a few at a time, and reports each run's outcome: one run's refusal
 * (already closed, still running) does not stop the others.
 */
export async function forEachRun(
  runIds: string[],
  action: (runId: string) => Promise<Record<string, unknown>>,
): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array<BulkResult>(runIds.length);
  let next = 0;
  const lane = async () => {
    while (next < runIds.length) {
      const index = next++;
      const runId = runIds[index] as string;
      try {
        results[index] = { runId, ok: true, ...(await action(runId)) };
      } catch (caught: unknown) {
        const error = toHttpError(caught);
        const code = error instanceof HttpError ? error.code : 'internal';
        results[index] = { runId, ok: false, error: { code, message: (error as Error).message } };
      }
    }
  };
  // Four at a time: bounded load on Temporal, and a 500-run action still ends in seconds.
  await Promise.all([lane(), lane(), lane(), lane()]);
  return results;
}
