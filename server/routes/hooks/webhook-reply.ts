import type { Client } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import type { PublishedTrigger } from '../../../domain/workflows';
import { traceQueryName } from '../../../workflows/runtime/run-contract';

/** When a webhook call is answered: at once, when its run ends, or when one of its nodes has run. */
export type ReplyMode = 'immediately' | 'whenDone' | 'node';

export interface ReplySettings {
  mode: ReplyMode;
  /** With `node`: the node whose output answers the call. */
  nodeId?: string;
  /** The longest wait for the answer; then 202 with the run id. */
  timeoutMs: number;
}

/** The wait when the trigger names none. */
export const defaultReplyTimeoutSeconds = 30;

/** What the call is answered with. */
export type Reply =
  /** Not done within the wait (or the caller went away): 202 `{runId}`. */
  | { kind: 'pending' }
  | { kind: 'completed'; output: unknown }
  | { kind: 'failed'; error: { message: string; type?: string } }
  | { kind: 'node'; nodeId: string; port?: string; output: unknown };

/** The trigger's reply settings with defaults filled in. */
export function replySettings(trigger: PublishedTrigger): ReplySettings {
  const { respond, respondNode, respondTimeoutSeconds } = trigger.params;
  const mode: ReplyMode = respond === 'whenDone' || respond === 'node' ? respond : 'immediately';
  const seconds =
    typeof respondTimeoutSeconds === 'number' ? respondTimeoutSeconds : defaultReplyTimeoutSeconds;
  return {
    mode,
    ...(mode === 'node' && typeof respondNode === 'string' ? { nodeId: respondNode } : {}),
    timeoutMs: seconds * 1000,
  };
}

/** How often the `node` mode asks the run for its trace. */
const nodePollMs = 250;

/**
 * Waits for the answer a webhook call asked for, at most `settings.timeoutMs` and never after
 * `gone` aborts (the caller disconnected): the run's result (`whenDone`, a long poll the abort
 * cancels), or the output of the first completed visit of a node, read from the run's trace query
 * (`node`; the output is the trace's, capped at 16 KiB).
 *
 * @example
 * const reply = await awaitReply(temporal, runId, { mode: 'whenDone', timeoutMs: 30_000 }, gone);
 * // { kind: 'completed', output: { price: 1200 } }
 */
export async function awaitReply(
  temporal: Client,
  runId: string,
  settings: ReplySettings,
  gone: AbortSignal,
): Promise<Reply> {
  if (settings.mode === 'immediately') return { kind: 'pending' };
  const signal = AbortSignal.any([gone, AbortSignal.timeout(settings.timeoutMs)]);
  const handle = temporal.workflow.getHandle(runId);
  try {
    if (settings.mode === 'whenDone' || settings.nodeId === undefined) {
      const output: unknown = await temporal.withAbortSignal(signal, () => handle.result());
      return { kind: 'completed', output };
    }
    return await awaitNode(temporal, runId, settings.nodeId, signal);
  } catch (error: unknown) {
    if (signal.aborted) return { kind: 'pending' };
    if (error instanceof WorkflowFailedError) return failedReply(error);
    throw error;
  }
}

async function awaitNode(
  temporal: Client,
  runId: string,
  nodeId: string,
  signal: AbortSignal,
): Promise<Reply> {
  const handle = temporal.workflow.getHandle(runId);
  for (;;) {
    const answer = await temporal.withAbortSignal(signal, () => handle.query<TraceAnswer>(traceQueryName));
    const visit = answer.trace.find((entry) => entry.nodeId === nodeId && entry.status === 'completed');
    if (visit !== undefined) {
      return {
        kind: 'node',
        nodeId,
        ...(visit.port === undefined ? {} : { port: visit.port }),
        output: visit.output,
      };
    }
    // Ended without visiting the node: the run's own outcome answers.
    if (answer.status !== 'running') {
      const output: unknown = await temporal.withAbortSignal(signal, () => handle.result());
      return { kind: 'completed', output };
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, nodePollMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (signal.aborted) return { kind: 'pending' };
  }
}

interface TraceAnswer {
  status: string;
  trace: { nodeId: string; status: string; port?: string; output?: unknown }[];
}

function failedReply(error: WorkflowFailedError): Reply {
  const cause = error.cause;
  const type = (cause as { type?: unknown } | undefined)?.type;
  return {
    kind: 'failed',
    error: {
      message: cause?.message ?? error.message,
      ...(typeof type === 'string' ? { type } : {}),
    },
  };
}
