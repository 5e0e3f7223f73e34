import type { WorkflowGraph } from '../definition/graph';
import { edgesInto, reachableFrom } from '../definition/graph';
import { forEachBodyId } from '../node-types/flow-nodes';
import { getNodeType } from '../node-types/registry';
import type { ValidationError } from './validation-error';

/**
 * A forEach body is the node its `body` param names plus every node reachable from it. The body
 * runs once per item in its own scope, so it must be closed: its first node exists and is not a
 * trigger, no edge enters it from outside, and the forEach is not part of its own body.
 */
export function checkForEachBodies(graph: WorkflowGraph): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of graph.definition.nodes) {
    const bodyId = forEachBodyId(node);
    if (bodyId === undefined) continue;
    const name = JSON.stringify(node.id);
    const problem = (message: string, edgeId?: string) =>
      errors.push({
        nodeId: node.id,
        ...(edgeId === undefined ? {} : { edgeId }),
        path: 'params.body',
        code: 'invalid_for_each_body',
        message,
      });
    const body = graph.nodes.get(bodyId);
    if (!body) {
      problem(`For-each ${name} names body node ${JSON.stringify(bodyId)}, which does not exist`);
      continue;
    }
    if (getNodeType(body.type)?.execution === 'trigger') {
      problem(`For-each ${name} names trigger ${JSON.stringify(bodyId)} as its body`);
      continue;
    }
    const region = reachableFrom(graph, [bodyId]);
    if (region.has(node.id)) {
      problem(`For-each ${name} is inside its own body`);
      continue;
    }
    for (const member of region) {
      for (const edge of edgesInto(graph, member)) {
        if (!region.has(edge.source)) {
          problem(
            `Edge ${JSON.stringify(edge.id)} enters the body of for-each ${name} from outside; only the for-each starts its body`,
            edge.id,
          );
        }
      }
    }
  }
  return errors;
}
