import type { Client } from '@temporalio/client';
import type { RunInput } from '../../../workflows/runtime/run-contract';

/** How long reading a run's start event may take. */
const readTimeoutMs = 5_000;

/**
 * The input the latest execution of a run started with, from its first history event, or undefined
 * when it cannot be read. A continued run carries its original `input` and `trigger` on, so this
 * holds them for every execution (plus the interpreter state it continued with).
 */
export async function readStartInput(temporal: Client, runId: string): Promise<RunInput | undefined> {
  try {
    const response = await temporal.withDeadline(Date.now() + readTimeoutMs, () =>
      temporal.workflowService.getWorkflowExecutionHistory({
        namespace: temporal.options.namespace,
        execution: { workflowId: runId },
        maximumPageSize: 1,
      }),
    );
    const payload =
      response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) return undefined;
    return temporal.options.loadedDataConverter.payloadConverter.fromPayload<RunInput>(payload);
  } catch {
    return undefined;
  }
}
