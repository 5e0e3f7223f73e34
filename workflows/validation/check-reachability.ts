import type { WorkflowGraph } from '../definition/graph';
import { reachableFrom } from '../definition/graph';
import { forEachBodyId } from '../node-types/flow-nodes';
import { getNodeType } from '../node-types/registry';
import type { ValidationError } from './validation-error';

/** Every node must be reachable from some trigger, through edges or a forEach's body. */
export function checkReachability(graph: WorkflowGraph): ValidationError[] {
  const triggers = graph.definition.nodes
    .filter((node) => getNodeType(node.type)?.execution === 'trigger')
    .map((node) => node.id);
  const reached = reachableFrom(graph, triggers, (node) => {
    const bodyId = forEachBodyId(node);
    return bodyId === undefined ? [] : [bodyId];
  });
  return [...graph.nodes.values()]
    .filter((node) => !reached.has(node.id))
    .map((node) => ({
      nodeId: node.id,
      path: '',
      code: 'unreachable_node' as const,
      message: `Node ${JSON.stringify(node.id)} cannot be reached from any trigger`,
    }));
}
