import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { RunRequest } from '../interpreter/run-context';

/**
 * A run request for tests and benchmarks: the definition's first trigger as the start node and a
 * fixed run id, so idempotency keys are predictable (`run-1/<nodeId>/<visit>`).
 */
export function testRequest(definition: WorkflowDefinition, overrides: Partial<RunRequest> = {}): RunRequest {
  const start = definition.nodes.find((node) => node.type.startsWith('trigger.'));
  return {
    definition,
    startNodeId: start?.id ?? 'start',
    trigger: { event: 'manual' },
    input: {},
    run: { id: 'run-1', workflowId: 'wf-test', version: 1, startedAt: '2025-01-31T09:00:00.000Z' },
    ...overrides,
  };
}
