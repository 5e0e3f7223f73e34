import { MAX_FOR_EACH_CONCURRENCY } from '../../node-types/flow-nodes';
import type { NodeExecutor } from '../node-execution';
import { invalidParam } from '../node-failure';

/** flow.forEach runs its body per item (see flow-nodes.ts) and leaves with the results in item order. */
export const runForEach: NodeExecutor = async (context) => {
  const { params, node } = context;
  const items = params.items ?? [];
  if (!Array.isArray(items)) throw invalidParam(node, 'params.items', 'an array', items);
  if (typeof params.body !== 'string') throw invalidParam(node, 'params.body', 'a node id', params.body);
  const concurrency = params.concurrency ?? 1;
  if (
    typeof concurrency !== 'number' ||
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > MAX_FOR_EACH_CONCURRENCY
  ) {
    throw invalidParam(
      node,
      'params.concurrency',
      `an integer from 1 to ${MAX_FOR_EACH_CONCURRENCY}`,
      concurrency,
    );
  }
  const results = await context.runBody(params.body, items, concurrency);
  return { kind: 'next', port: 'out', output: results };
};
