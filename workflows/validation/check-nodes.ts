import type { WorkflowGraph } from '../definition/graph';
import { edgesInto } from '../definition/graph';
import type { WorkflowDefinition } from '../definition/workflow-definition';
import { logicJoin, logicSwitch } from '../node-types/logic-nodes';
import { getNodeType } from '../node-types/registry';
import type { ValidationError } from './validation-error';

/** Node ids and edge ids must each be unique; every reuse after the first is an error. */
export function checkUniqueIds(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  const nodeIds = new Set<string>();
  for (const node of definition.nodes) {
    if (nodeIds.has(node.id)) {
      errors.push({
        nodeId: node.id,
        path: 'id',
        code: 'duplicate_node_id',
        message: `Node id ${JSON.stringify(node.id)} is used by more than one node`,
      });
    }
    nodeIds.add(node.id);
  }
  const edgeIds = new Set<string>();
  for (const edge of definition.edges) {
    if (edgeIds.has(edge.id)) {
      errors.push({
        edgeId: edge.id,
        path: 'id',
        code: 'duplicate_edge_id',
        message: `Edge id ${JSON.stringify(edge.id)} is used by more than one edge`,
      });
    }
    edgeIds.add(edge.id);
  }
  return errors;
}

/** Every node type must be registered, there must be a trigger, and retry belongs to activities. */
export function checkNodeTypes(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    const declaration = getNodeType(node.type);
    if (!declaration) {
      errors.push({
        nodeId: node.id,
        path: 'type',
        code: 'unknown_node_type',
        message: `Node ${JSON.stringify(node.id)} has unknown type ${JSON.stringify(node.type)}`,
      });
    } else if (node.retry && declaration.execution !== 'activity') {
      errors.push({
        nodeId: node.id,
        path: 'retry',
        code: 'retry_not_applicable',
        message: `Node ${JSON.stringify(node.id)} (${node.type}) does no I/O, so it has no retry policy`,
      });
    }
  }
  if (!definition.nodes.some((node) => getNodeType(node.type)?.execution === 'trigger')) {
    errors.push({
      path: 'nodes',
      code: 'no_trigger',
      message: 'The workflow has no trigger node, so it can never start',
    });
  }
  return errors;
}

/** A switch's case ports must be distinct, or a later case could never be taken. */
export function checkSwitchPorts(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    if (node.type !== logicSwitch.type || !Array.isArray(node.params.cases)) continue;
    const seen = new Set<string>();
    (node.params.cases as unknown[]).forEach((entry, index) => {
      const port = (entry as { port?: unknown } | null)?.port;
      if (typeof port !== 'string') return;
      if (seen.has(port)) {
        errors.push({
          nodeId: node.id,
          path: `params.cases[${index}].port`,
          code: 'duplicate_port',
          message: `Switch ${JSON.stringify(node.id)} has more than one case with port ${JSON.stringify(port)}`,
        });
      }
      seen.add(port);
    });
  }
  return errors;
}

/** A join with a single input joins nothing, which is almost certainly a missing edge. */
export function checkJoinInputs(graph: WorkflowGraph): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of graph.definition.nodes) {
    if (node.type !== logicJoin.type) continue;
    const count = edgesInto(graph, node.id).length;
    if (count < 2) {
      errors.push({
        nodeId: node.id,
        path: '',
        code: 'join_inputs',
        message: `Join ${JSON.stringify(node.id)} has ${count} incoming edge${count === 1 ? '' : 's'}; a join needs at least two`,
      });
    }
  }
  return errors;
}

/** A webhook that replies with a node's output must name a node of the graph. */
export function checkWebhookReplies(definition: WorkflowDefinition): ValidationError[] {
  const ids = new Set(definition.nodes.map((node) => node.id));
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    if (node.type !== 'trigger.webhook' || node.params.respond !== 'node') continue;
    const target = node.params.respondNode;
    if (typeof target === 'string' && ids.has(target)) continue;
    errors.push({
      nodeId: node.id,
      path: 'params.respondNode',
      code: 'unknown_reply_node',
      message:
        target === undefined
          ? `Node ${JSON.stringify(node.id)} replies with a node's output: name the node in respondNode`
          : `Node ${JSON.stringify(node.id)} replies with the output of ${JSON.stringify(target)}, which is not a node of this workflow`,
    });
  }
  return errors;
}
