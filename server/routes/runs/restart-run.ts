import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { temporal as proto } from '@temporalio/proto';
import { runSearchAttributes } from '../../../domain/workflows';
import { HttpError } from '../../http/http-error';
import { runStatusOf } from './run-status';
import { describeRun } from './run-view';

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
type ResetRequest = proto.api.workflowservice.v1.IResetWorkflowExecutionRequest;
type EventId = NonNullable<ResetRequest['workflowTaskFinishEventId']>;

/** What a restart did: the node it restarted from and the Temporal execution that now runs. */
export interface RestartOutcome {
  runId: string;
  nodeId: string;
  /** The history event the run was reset to: the workflow task that issued the node's first command. */
  resetEventId: number;
  executionRunId: string;
}

// Runs that can be restarted: those that ended without completing, and open ones that are stuck.
const restartable = new Set(['failed', 'terminated', 'timedOut', 'running']);
const maxHistoryPages = 50;

/** A run execution's whole history, page by page (bounded). */
export async function readHistory(
  temporal: Client,
  runId: string,
  executionRunId: string,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  for (let page = 0; page < maxHistoryPages; page++) {
    const response = await temporal.workflowService.getWorkflowExecutionHistory({
      namespace: temporal.options.namespace,
      execution: { workflowId: runId, runId: executionRunId },
      ...(nextPageToken === undefined ? {} : { nextPageToken }),
    });
    events.push(...(response.history?.events ?? []));
    if (!response.nextPageToken || response.nextPageToken.length === 0) break;
    nextPageToken = response.nextPageToken;
  }
  return events;
}

/** Decodes a history payload with the client's converter; undefined for what it cannot read. */
export function payloadDecoder(temporal: Client): (payload: unknown) => unknown {
  const converter = temporal.options.loadedDataConverter.payloadConverter;
  return (payload) => {
    try {
      return payload === undefined || payload === null ? undefined : converter.fromPayload(payload);
    } catch {
      return undefined;
    }
  };
}

/** Where in a history each node issued a command: the node's last visit, by node id. */
export interface NodeCommands {
  /** Node id → the WorkflowTaskCompleted event id of the node's latest activity or child start. */
  resetPoints: Map<string, number>;
  /** Activity id → the node that scheduled it, for naming the node of a retrying activity. */
  activityNodes: Map<string, string>;
  /** The workflow task that failed the run, for a node that issued no command of its own. */
  failedTask: number | undefined;
}

/**
 * Reads which node issued which command from a history. Activities get `{nodeId}` in their input;
 * child runs get `{trigger: {nodeId}}` (see worker/workflows/temporal-effects.ts).
 */
export function nodeCommands(events: HistoryEvent[], decode: (payload: unknown) => unknown): NodeCommands {
  const resetPoints = new Map<string, number>();
  const activityNodes = new Map<string, string>();
  let failedTask: number | undefined;
  for (const event of events) {
    const activity = event.activityTaskScheduledEventAttributes;
    const child = event.startChildWorkflowExecutionInitiatedEventAttributes;
    const failed = event.workflowExecutionFailedEventAttributes;
    if (activity) {
      const call = decode(activity.input?.payloads?.[0]) as { nodeId?: unknown } | undefined;
      if (typeof call?.nodeId === 'string') {
        resetPoints.set(call.nodeId, Number(activity.workflowTaskCompletedEventId));
        if (activity.activityId) activityNodes.set(activity.activityId, call.nodeId);
      }
    } else if (child) {
      const start = decode(child.input?.payloads?.[0]) as { trigger?: { nodeId?: unknown } } | undefined;
      const nodeId = start?.trigger?.nodeId;
      if (typeof nodeId === 'string') resetPoints.set(nodeId, Number(child.workflowTaskCompletedEventId));
    } else if (failed) {
      failedTask = Number(failed.workflowTaskCompletedEventId);
    }
  }
  return { resetPoints, activityNodes, failedTask };
}

/**
 * Restarts a run from a node with Temporal's reset: the run's history is cut back to the workflow
 * task that issued the node's command, and the worker carries on from there, so the node runs
 * again with everything before it as it was (README, Operations). Without `nodeId`, the node the
 * run failed at, or the node whose activity is retrying, is taken.
 */
export async function restartRun(
  temporal: Client,
  runId: string,
  options: { nodeId?: string; reason: string },
): Promise<RestartOutcome> {
  const { description } = await describeRun(temporal, runId);
  const status = runStatusOf(description.status.name);
  if (!restartable.has(status)) {
    throw new HttpError('conflict', `run ${runId} is ${status}; only failed, stopped or stuck runs restart`);
  }
  const commands = nodeCommands(
    await readHistory(temporal, runId, description.runId),
    payloadDecoder(temporal),
  );
  const pending = description.raw.pendingActivities?.[0]?.activityId;
  const nodeId =
    options.nodeId ??
    description.typedSearchAttributes.get(runSearchAttributes.failedNode) ??
    (pending ? commands.activityNodes.get(pending) : undefined);
  if (nodeId === undefined) {
    throw new HttpError('bad_request', `run ${runId} has no failed node; name the node to restart from`, [
      { path: 'nodeId', message: 'is required for this run' },
    ]);
  }
  const failedHere = nodeId === description.typedSearchAttributes.get(runSearchAttributes.failedNode);
  const resetEventId = commands.resetPoints.get(nodeId) ?? (failedHere ? commands.failedTask : undefined);
  if (resetEventId === undefined) {
    throw new HttpError(
      'conflict',
      `node ${nodeId} ran no activity or child run in run ${runId}, so there is no point to restart it from`,
    );
  }
  const request: ResetRequest = {
    namespace: temporal.options.namespace,
    workflowExecution: { workflowId: runId, runId: description.runId },
    reason: options.reason,
    // protobufjs encodes a plain number for an int64 field; event ids stay far below 2^53.
    workflowTaskFinishEventId: resetEventId as unknown as EventId,
    requestId: randomUUID(),
  };
  const response: proto.api.workflowservice.v1.IResetWorkflowExecutionResponse =
    await temporal.workflowService.resetWorkflowExecution(request);
  return { runId, nodeId, resetEventId, executionRunId: response.runId ?? '' };
}
