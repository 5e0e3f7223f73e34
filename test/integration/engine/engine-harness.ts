import { randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';

/** The run workflow's signature, as the client sees it. */
export type RunWorkflow = (input: InterpretedRunInput) => Promise<unknown>;
import type { ActivityDeps } from '../../../worker/activities';
import type { InterpretedRunInput, TraceQueryResult } from '../../../worker/workflows/interpreted-workflow';
import type { WorkflowDefinition, WorkflowNode } from '../../../workflows/interpreter';
import { runWorkflowType, traceQueryName } from '../../../workflows/runtime/run-contract';
import type { TestServices } from '../../setup/test-env';
import { withWorkerOn } from '../../support/worker';

/** Runs a worker on the test's task queue with extra activity options until `fn` settles. */
export function withEngineWorker<T>(
  services: TestServices,
  activityOptions: Omit<ActivityDeps, 'db'>,
  fn: (worker: Worker) => Promise<T>,
): Promise<T> {
  return withWorkerOn({ ...services, activityOptions }, fn);
}

/** The run input the API server would build for a manual run of `definition`. */
export function runInput(
  definition: WorkflowDefinition,
  input: unknown = {},
  extra: Partial<InterpretedRunInput> = {},
): InterpretedRunInput {
  const start = definition.nodes.find((node) => node.type.startsWith('trigger.'));
  return {
    workflowId: 'wf-test',
    version: 1,
    definition,
    startNodeId: start?.id ?? 'start',
    trigger: { event: 'manual' },
    input,
    startedAt: '2026-01-01T00:00:00.000Z',
    // As if an admin published it; tests of run identity pass their own.
    authority: { userId: 'publisher', roles: ['admin'] },
    ...extra,
  };
}

/** Starts a run the way tests do: directly on Temporal, with a fresh run id. */
export async function startRun(
  services: TestServices,
  input: InterpretedRunInput,
  runId = `run-${randomUUID()}`,
): Promise<WorkflowHandleWithFirstExecutionRunId<RunWorkflow>> {
  return services.temporal.workflow.start<RunWorkflow>(runWorkflowType, {
    workflowId: runId,
    taskQueue: services.taskQueue,
    args: [input],
  });
}

export function queryTrace(handle: WorkflowHandle): Promise<TraceQueryResult> {
  return handle.query<TraceQueryResult>(traceQueryName);
}

/** A definition from nodes and `source->target[:port]` edges, for short test graphs. */
export function graph(
  name: string,
  nodes: (Omit<WorkflowNode, 'params'> & { params?: Record<string, unknown> })[],
  edges: string[],
  settings?: WorkflowDefinition['settings'],
): WorkflowDefinition {
  return {
    name,
    nodes: nodes.map((node) => ({ ...node, params: node.params ?? {} })),
    edges: edges.map((text, index) => {
      const [from, target] = text.split('->') as [string, string];
      const [source, sourcePort] = from.split(':') as [string, string | undefined];
      return { id: `e${index + 1}`, source, target, ...(sourcePort === undefined ? {} : { sourcePort }) };
    }),
    ...(settings === undefined ? {} : { settings }),
  };
}
