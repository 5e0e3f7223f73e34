import type { WorkflowDefinition, WorkflowNode } from '../definition/workflow-definition';
import { FakeEffects } from './fake-effects';
import { testRequest } from './test-request';
import { runWorkflow } from '../interpreter/workflow-run';

/**
 * A chain of `nodes` pure nodes after a manual trigger, alternating a data.set that evaluates an
 * expression and a logic.if that tests one: the work a pure node really does, expressions included.
 */
export function pureChain(nodes: number): WorkflowDefinition {
  const chain: WorkflowNode[] = [{ id: 'start', type: 'trigger.manual', params: {} }];
  for (let index = 1; index <= nodes; index += 1) {
    chain.push(
      index % 2 === 1
        ? { id: `n${index}`, type: 'data.set', params: { values: { i: '=$vars.i ? $vars.i + 1 : 1' } } }
        : { id: `n${index}`, type: 'logic.if', params: { condition: '=$vars.i >= 0' } },
    );
  }
  return {
    name: `Pure chain of ${nodes}`,
    settings: { maxSteps: nodes + 1 },
    nodes: chain,
    edges: chain.slice(1).map((node, index) => ({
      id: `e${index + 1}`,
      source: chain[index]!.id,
      ...(chain[index]!.type === 'logic.if' ? { sourcePort: 'true' } : {}),
      target: node.id,
    })),
  };
}

/**
 * Interpreter CPU per pure node, in microseconds: runs a chain of `nodes` pure nodes `iterations`
 * times with effects that cost nothing, after one warm-up run (which fills the expression cache),
 * and divides the elapsed time by the node visits. `now` is a high-resolution clock in ms.
 *
 * @example
 * const microseconds = await measurePureNodeCpu(100, 50); // e.g. 45.2
 */
export async function measurePureNodeCpu(
  nodes: number,
  iterations: number,
  now: () => number = () => globalThis.performance.now(),
): Promise<number> {
  const definition = pureChain(nodes);
  const run = () => runWorkflow(testRequest(definition), new FakeEffects());
  await run();
  const started = now();
  for (let iteration = 0; iteration < iterations; iteration += 1) await run();
  const elapsedMs = now() - started;
  // The trigger visit is bookkeeping, not a pure node; it is part of the measured cost anyway.
  return (elapsedMs * 1000) / (nodes * iterations);
}
