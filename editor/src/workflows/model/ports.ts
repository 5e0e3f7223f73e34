import { edgePort, getNodeType, outputPorts, type WorkflowDefinition, type WorkflowNode } from './core';

/** What a node offers on the canvas: whether it takes inputs, and its output ports in order. */
export interface NodePorts {
  input: boolean;
  outputs: string[];
}

/**
 * A node's ports from its type's declaration and its current params: a switch has one port per case
 * plus `default`, an activity node also has `error`, a trigger takes no input. A type the registry
 * does not know has an input and no outputs, so nothing new can leave it.
 *
 * @example
 * portsOf({ id: 'a', type: 'human.approval', params: {} }); // { input: true, outputs: ['approved', 'rejected', 'timeout'] }
 */
export function portsOf(node: Pick<WorkflowNode, 'type' | 'params'>): NodePorts {
  const declaration = getNodeType(node.type);
  if (!declaration) return { input: true, outputs: [] };
  return { input: declaration.execution !== 'trigger', outputs: outputPorts(declaration, node.params) };
}

/** A connection the user drew: from a node's output port to another node's input. */
export interface PortConnection {
  source: string;
  sourcePort: string;
  target: string;
}

/**
 * Why a connection cannot be made, or undefined when it can: both nodes must exist, the port must
 * be one the source really has, triggers take no input, a node does not feed itself and the same
 * two ports are joined once.
 *
 * @example
 * connectionProblem(definition, { source: 'if', sourcePort: 'maybe', target: 'end' });
 * // 'Node "if" has no port "maybe"; its ports are true, false'
 */
export function connectionProblem(
  definition: WorkflowDefinition,
  connection: PortConnection,
): string | undefined {
  const source = definition.nodes.find((node) => node.id === connection.source);
  const target = definition.nodes.find((node) => node.id === connection.target);
  if (!source) return `Node "${connection.source}" does not exist`;
  if (!target) return `Node "${connection.target}" does not exist`;
  const { outputs } = portsOf(source);
  if (!outputs.includes(connection.sourcePort)) {
    const has = outputs.length === 0 ? 'it has no output ports' : `its ports are ${outputs.join(', ')}`;
    return `Node "${source.id}" has no port "${connection.sourcePort}"; ${has}`;
  }
  if (!portsOf(target).input)
    return `Node "${target.id}" is a trigger; a trigger starts runs and has no inputs`;
  if (source.id === target.id) return `Node "${source.id}" cannot be connected to itself`;
  const duplicate = definition.edges.some(
    (edge) =>
      edge.source === source.id && edgePort(edge) === connection.sourcePort && edge.target === target.id,
  );
  if (duplicate)
    return `Port "${connection.sourcePort}" of "${source.id}" is already connected to "${target.id}"`;
  return undefined;
}
