import type { NodeExecutor } from '../node-execution';
import { invalidParam, nodeFailure } from '../node-failure';
import { describeError } from '../run-failure';

/** flow.subworkflow starts a child run; a failed child fails the node (it has no error port). */
export const runSubworkflow: NodeExecutor = async (context) => {
  const { params, node, effects } = context;
  if (typeof params.workflowId !== 'string') {
    throw invalidParam(node, 'params.workflowId', 'a workflow id', params.workflowId);
  }
  const wait = params.wait !== false;
  if (wait) context.markWaiting();
  try {
    const output = await effects.startChild({
      nodeId: node.id,
      visit: context.visit,
      idempotencyKey: context.idempotencyKey,
      workflowId: params.workflowId,
      input: params.input ?? null,
      wait,
      run: context.run,
    });
    return { kind: 'next', port: 'out', output };
  } catch (error: unknown) {
    if (effects.isCancellation(error)) throw error;
    const info = describeError(error);
    throw nodeFailure(node, 'node_failed', `child run failed: ${info.message}`, info);
  }
};
