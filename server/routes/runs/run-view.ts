import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Db } from 'mongodb';
import type { WaitingFor } from '../../../domain/workflows';
import { runWorkflowType, traceQueryName } from '../../../workflows/runtime/run-contract';
import { HttpError } from '../../http/http-error';
import { runStatusOf, type RunStatus } from './run-status';
import { readStartInput } from './run-start-input';
import { runSummary, type RunSummary } from './run-summary';
import { waitingForOf } from './run-waits';

/** How long a trace query or a result read may take before the view goes without it. */
const readTimeoutMs = 5_000;

/** One run as `GET /runs/:runId` shows it. */
export interface RunView extends Pick<
  RunSummary,
  'runId' | 'workflowId' | 'version' | 'trigger' | 'status' | 'startedAt' | 'closedAt'
> {
  trace: unknown[];
  /** Why the trace is missing, when it is: no worker answered the query. */
  traceError?: string;
  result: unknown;
  error: { type: string; message: string } | null;
  /** The run's `$input`, read from its start event; absent when that cannot be read. */
  input?: unknown;
  /** This run in the Temporal Web UI; null when the server is not told the UI's address. */
  temporalUrl: string | null;
  /** What each waiting flow.waitFor visit waits for, in words; empty when none waits. */
  waitingFor: WaitingFor[];
}

/** Where links into the Temporal Web UI point. */
export interface TemporalUiLink {
  /** The UI's base URL, e.g. http://127.0.0.1:8233; undefined when there is no UI to link to. */
  uiUrl: string | undefined;
  namespace: string;
}

/** The execution of a run, or 404 when there is none (or it is not a Ledgerline run). */
export async function describeRun(temporal: Client, runId: string) {
  const handle = temporal.workflow.getHandle(runId);
  try {
    const description = await handle.describe();
    if (description.type !== runWorkflowType) throw new HttpError('not_found', `run ${runId} does not exist`);
    return { handle, description };
  } catch (error: unknown) {
    if (error instanceof WorkflowNotFoundError)
      throw new HttpError('not_found', `run ${runId} does not exist`);
    throw error;
  }
}

/** The worker's trace query answers either the trace itself or `{trace, …}`. */
function traceOf(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  if (typeof answer === 'object' && answer !== null && Array.isArray((answer as { trace?: unknown }).trace)) {
    return (answer as { trace: unknown[] }).trace;
  }
  return [];
}

/** A run's trace from its trace query; with no worker to answer, `traceError` says so instead. */
export async function readTrace(
  temporal: Client,
  handle: WorkflowHandle,
): Promise<Pick<RunView, 'trace' | 'traceError'>> {
  try {
    const answer = await temporal.withDeadline(Date.now() + readTimeoutMs, () =>
      handle.query(traceQueryName),
    );
    return { trace: traceOf(answer) };
  } catch (error: unknown) {
    return { trace: [], traceError: `the trace could not be read: ${(error as Error).message}` };
  }
}

async function readInput(temporal: Client, runId: string): Promise<Pick<RunView, 'input'>> {
  const start = await readStartInput(temporal, runId);
  return start?.input === undefined ? {} : { input: start.input };
}

function temporalUrl(link: TemporalUiLink | undefined, runId: string, executionRunId: string): string | null {
  if (link?.uiUrl === undefined) return null;
  const base = link.uiUrl.replace(/\/+$/, '');
  const segment = encodeURIComponent;
  return `${base}/namespaces/${segment(link.namespace)}/workflows/${segment(runId)}/${segment(executionRunId)}/history`;
}

function failureOf(error: unknown): { type: string; message: string } {
  const cause = error instanceof WorkflowFailedError ? error.cause : undefined;
  const failure = cause ?? (error as Error);
  const type = (failure as { type?: unknown }).type;
  return { type: typeof type === 'string' ? type : failure.name, message: failure.message };
}

async function readOutcome(
  temporal: Client,
  handle: WorkflowHandle,
  status: RunStatus | 'unknown',
): Promise<Pick<RunView, 'result' | 'error'>> {
  if (status === 'running' || status === 'continuedAsNew' || status === 'unknown')
    return { result: null, error: null };
  try {
    const result: unknown = await temporal.withDeadline(Date.now() + readTimeoutMs, () => handle.result());
    return { result: result ?? null, error: null };
  } catch (error: unknown) {
    return { result: null, error: failureOf(error) };
  }
}

/**
 * Describes a run and reads its trace and outcome. The trace comes from the run's trace query, which
 * Temporal answers for open runs and, while a worker polls the queue, for closed ones too (the
 * worker replays the history); with no worker the view says so in `traceError` instead of failing.
 * The records waiting flow.waitFor visits wait on are read from `db`, for their numbers.
 */
export async function viewRun(
  db: Db,
  temporal: Client,
  runId: string,
  ui?: TemporalUiLink,
): Promise<RunView> {
  const { handle, description } = await describeRun(temporal, runId);
  const status = runStatusOf(description.status.name);
  const [trace, outcome, input] = await Promise.all([
    readTrace(temporal, handle),
    readOutcome(temporal, handle, status),
    readInput(temporal, runId),
  ]);
  return {
    ...runSummary(description),
    ...trace,
    ...outcome,
    ...input,
    temporalUrl: temporalUrl(ui, runId, description.runId),
    waitingFor: await waitingForOf(db, trace.trace),
  };
}
