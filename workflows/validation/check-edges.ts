import type { WorkflowGraph } from '../definition/graph';
import { edgePort } from '../definition/graph';
import { outputPorts } from '../node-types/node-type';
import { getNodeType } from '../node-types/registry';
import type { ValidationError } from './validation-error';

/**
 * Edges must connect existing nodes, leave by a port their source node has (the `error` port
 * only exists on activity nodes), and never enter a trigger.
 */
export function checkEdges(graph: WorkflowGraph): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const edge of graph.definition.edges) {
    const source = graph.nodes.get(edge.source);
    const target = graph.nodes.get(edge.target);
    const name = JSON.stringify(edge.id);
    if (!source) {
      errors.push({
        edgeId: edge.id,
        path: 'source',
        code: 'unknown_node',
        message: `Edge ${name} comes from node ${JSON.stringify(edge.source)}, which does not exist`,
      });
    }
    if (!target) {
      errors.push({
        edgeId: edge.id,
        path: 'target',
        code: 'unknown_node',
        message: `Edge ${name} goes to node ${JSON.stringify(edge.target)}, which does not exist`,
      });
    }
    const sourceType = source && getNodeType(source.type);
    if (source && sourceType) {
      const ports = outputPorts(sourceType, source.params);
      const port = edgePort(edge);
      if (!ports.includes(port)) {
        const has = ports.length === 0 ? 'it has no output ports' : `its ports are ${ports.join(', ')}`;
        errors.push({
          edgeId: edge.id,
          nodeId: source.id,
          path: 'sourcePort',
          code: 'unknown_port',
          message: `Edge ${name} leaves node ${JSON.stringify(source.id)} (${source.type}) by port ${JSON.stringify(port)}, which it does not have; ${has}`,
        });
      }
    }
    if (target && getNodeType(target.type)?.execution === 'trigger') {
      errors.push({
        edgeId: edge.id,
        nodeId: target.id,
        path: 'target',
        code: 'trigger_incoming_edge',
        message: `Edge ${name} goes into trigger ${JSON.stringify(target.id)}; a trigger starts runs and has no inputs`,
      });
    }
  }
  return errors;
}
