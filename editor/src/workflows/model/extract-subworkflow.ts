import {
  DEFAULT_PORT,
  ERROR_PORT,
  edgePort,
  getNodeType,
  type JsonSchema,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from './core';
import { freeId } from './node-ids';
import { mapExpressions, pathStep, referenceTo } from './node-references';
import { portsOf } from './ports';

/**
 * The bindings a child run gets from its parent through `$input` (see flow.subworkflow): the child
 * has its own `$trigger`, `$vars` and `$nodes`, so whatever the selection read of the parent's is
 * passed in. `$run` and `$now()` are the child's own and stay as they are.
 */
const passedBindings = ['trigger', 'input', 'vars', 'item', 'index', 'error'] as const;

// One pass over both kinds of reference, so that a rewritten `$input.nodes.x` is never rewritten again.
const outsideReference =
  /\$nodes\.(?:`([^`]+)`|([A-Za-z0-9_]+))|\$(trigger|input|vars|item|index|error)\b(?!\s*\()/g;
const wholeNodes = /\$nodes\b(?!\s*\.)/;
const readsVars = /\$vars\b/;

/** A selection turned into a workflow of its own and the `flow.subworkflow` node that calls it. */
export interface Extraction {
  /** The new workflow: a manual trigger, the selected nodes, and an end returning their outputs. */
  child: WorkflowDefinition;
  /** The id of the `flow.subworkflow` node that takes the selection's place. */
  nodeId: string;
  /** What the child reads from its parent, as `$input` paths: `trigger`, `nodes.credit`. */
  inputs: string[];
  /** The selected nodes whose outputs nodes outside read; the child returns them by id. */
  outputs: string[];
  /** The parent with the selection replaced by a node calling the child, once it has an id. */
  parentWith: (workflowId: string) => WorkflowDefinition;
}

function expressionsOf(node: WorkflowNode): string[] {
  const found: string[] = [];
  mapExpressions(node.params, (source) => {
    found.push(source);
    return source;
  });
  return found;
}

const describeEdge = (edge: WorkflowEdge) =>
  `${edge.source}${edge.sourcePort && edge.sourcePort !== DEFAULT_PORT ? ` (${edge.sourcePort})` : ''} → ${edge.target}`;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Plans "Extract to sub-workflow" for the selected nodes, or says why the selection cannot be
 * extracted without changing what runs do. The selection must be entered by exactly one edge and
 * left by at most one; with a way out, every other port of the selection (but `error`) must lead
 * somewhere inside, since a branch ending inside the child would let the parent go on where before
 * it stopped. The child's `$input` carries what the selection read from outside (the parent's
 * bindings and `$nodes.<outside id>`); it ends with a `flow.end` returning the outputs that nodes
 * outside read, and those reads become `$nodes.<subworkflow node>.<id>`.
 *
 * @example
 * const plan = extractSubworkflow(definition, new Set(['check', 'approve']), 'Credit review');
 * if ('problem' in plan) showError(plan.problem);
 * else { const created = await api.create(plan.child); edit(plan.parentWith(created._id)); }
 */
export function extractSubworkflow(
  definition: WorkflowDefinition,
  selected: ReadonlySet<string>,
  name: string,
): Extraction | { problem: string } {
  const title = name.trim();
  if (title === '') return { problem: 'Name the sub-workflow first' };
  const inside = definition.nodes.filter((node) => selected.has(node.id));
  const ids = new Set(inside.map((node) => node.id));
  const outside = definition.nodes.filter((node) => !ids.has(node.id));
  if (inside.length === 0) return { problem: 'Select the nodes to extract first' };
  const problem = selectionProblem(definition, inside, ids, outside);
  if (typeof problem === 'string') return { problem };
  const { entry, exit } = problem;

  // What the selection reads from outside: the parent's bindings and outside nodes' outputs.
  const bindings = new Set<string>();
  const readNodes = new Set<string>();
  for (const node of inside) {
    for (const source of expressionsOf(node)) {
      if (wholeNodes.test(source))
        return { problem: `Node "${node.id}" reads $nodes as a whole, so its inputs cannot be worked out` };
      for (const match of source.matchAll(outsideReference)) {
        const id = match[1] ?? match[2];
        if (id !== undefined) {
          if (!ids.has(id)) readNodes.add(id);
        } else bindings.add(match[3]!);
      }
    }
  }
  // What nodes outside read from inside: the child's outputs.
  const outputs = new Set<string>();
  for (const node of outside) {
    for (const source of expressionsOf(node)) {
      for (const match of source.matchAll(outsideReference)) {
        const id = match[1] ?? match[2];
        if (id !== undefined && ids.has(id)) outputs.add(id);
      }
    }
  }
  if (outputs.size > 0 && exit === undefined)
    return {
      problem: `Nodes outside read ${[...outputs].join(', ')}, but no edge leads out of the selection to run them after it`,
    };

  const passed = passedBindings.filter((binding) => bindings.has(binding));
  const inputs = [...passed, ...[...readNodes].map((id) => `nodes.${id}`)];
  const child = childDefinition(
    title,
    inside,
    ids,
    definition.edges,
    entry,
    exit,
    passed,
    readNodes,
    outputs,
  );
  const nodeId = freeId(new Set(outside.map((node) => node.id)), slug(title));
  return {
    child,
    nodeId,
    inputs,
    outputs: [...outputs],
    parentWith: (workflowId) =>
      parentDefinition(definition, ids, { id: nodeId, title, workflowId, entry, exit, passed, readNodes }),
  };
}

/** The selection's one way in and at most one way out, or why it has not. */
function selectionProblem(
  definition: WorkflowDefinition,
  inside: readonly WorkflowNode[],
  ids: ReadonlySet<string>,
  outside: readonly WorkflowNode[],
): string | { entry: WorkflowEdge; exit: WorkflowEdge | undefined } {
  for (const node of inside) {
    const execution = getNodeType(node.type)?.execution;
    if (execution === 'trigger') return `Node "${node.id}" is a trigger: the workflow's start stays in it`;
    if (node.type === 'flow.end')
      return `Node "${node.id}" ends the whole run; inside a sub-workflow it would end only the child`;
    if (node.type === 'flow.forEach')
      return `Node "${node.id}" is a forEach: extract its body's steps instead, or leave the loop whole`;
  }
  const entries = definition.edges.filter((edge) => ids.has(edge.target) && !ids.has(edge.source));
  const exits = definition.edges.filter((edge) => ids.has(edge.source) && !ids.has(edge.target));
  if (entries.length !== 1)
    return entries.length === 0
      ? 'No edge leads into the selection; a sub-workflow is entered by exactly one'
      : `The selection is entered by ${plural(entries.length, 'edge')} (${entries.map(describeEdge).join(', ')}); a sub-workflow is entered by exactly one`;
  if (exits.length > 1)
    return `The selection is left by ${plural(exits.length, 'edge')} (${exits.map(describeEdge).join(', ')}); a sub-workflow returns by one at most`;
  const exit = exits[0];
  if (exit !== undefined) {
    for (const node of inside) {
      const used = new Set(definition.edges.filter((edge) => edge.source === node.id).map(edgePort));
      const open = portsOf(node).outputs.find(
        (port) => port !== ERROR_PORT && !used.has(port) && !(port === 'timeout' && cannotTimeOut(node)),
      );
      if (open !== undefined)
        return `Port "${open}" of node "${node.id}" leads nowhere: in a sub-workflow that branch would end the child and let the parent go on`;
    }
  }
  if (inside.some((node) => node.type === 'data.set')) {
    const reader = outside.find((node) => expressionsOf(node).some((source) => readsVars.test(source)));
    if (reader)
      return `Node "${reader.id}" reads $vars, which the selection sets; a sub-workflow's variables stay in it`;
  }
  return { entry: entries[0]!, exit };
}

/** A person's step without a due time never leaves by its `timeout` port. */
function cannotTimeOut(node: WorkflowNode): boolean {
  return node.type.startsWith('human.') && node.params.dueIn === undefined;
}

/** An id from a name: `Credit review` → `creditReview`. */
function slug(name: string): string {
  const words = name.match(/[A-Za-z0-9]+/g) ?? [];
  const joined = words
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
  return joined === '' ? 'subworkflow' : joined.slice(0, 48);
}

function inputSchema(passed: readonly string[], readNodes: ReadonlySet<string>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const binding of passed) properties[binding] = { description: `The parent run's $${binding}` };
  if (readNodes.size > 0) {
    properties.nodes = {
      type: 'object',
      description: 'Outputs of the parent nodes the steps read',
      properties: Object.fromEntries(
        [...readNodes].map((id) => [id, { description: `The output of the parent's node ${id}` }]),
      ),
      required: [...readNodes],
    };
  }
  return { type: 'object', properties, required: Object.keys(properties) };
}

function childDefinition(
  name: string,
  inside: readonly WorkflowNode[],
  ids: ReadonlySet<string>,
  edges: readonly WorkflowEdge[],
  entry: WorkflowEdge,
  exit: WorkflowEdge | undefined,
  passed: readonly string[],
  readNodes: ReadonlySet<string>,
  outputs: ReadonlySet<string>,
): WorkflowDefinition {
  const rewrite = (source: string) =>
    source.replace(outsideReference, (whole, quoted?: string, bare?: string, binding?: string) => {
      const id = quoted ?? bare;
      if (id === undefined) return `$input.${binding}`;
      return ids.has(id) ? whole : `$input.nodes.${pathStep(id)}`;
    });
  const xs = inside.map((node) => node.position?.x ?? 0);
  const ys = inside.map((node) => node.position?.y ?? 0);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const shift = (node: WorkflowNode): WorkflowNode => {
    const params = mapExpressions(node.params, rewrite) as Record<string, unknown>;
    const moved = node.position ? { x: node.position.x - left + 300, y: node.position.y - top } : undefined;
    return { ...node, params, ...(moved ? { position: moved } : {}) };
  };
  const taken = new Set(ids);
  const startId = freeId(taken, 'start');
  taken.add(startId);
  const finishId = freeId(taken, 'finish');
  const entryTarget = inside.find((node) => node.id === entry.target)!;
  const startNode: WorkflowNode = {
    id: startId,
    type: 'trigger.manual',
    params: { inputSchema: inputSchema(passed, readNodes) },
    position: { x: 0, y: (entryTarget.position?.y ?? top) - top },
  };
  const nodes = [startNode, ...inside.map(shift)];
  const internal = edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  const edgeIds = new Set(internal.map((edge) => edge.id));
  const newEdge = (wanted: string) => {
    const id = freeId(edgeIds, wanted);
    edgeIds.add(id);
    return id;
  };
  const childEdges: WorkflowEdge[] = [
    { id: newEdge('e-start'), source: startId, target: entry.target },
    ...internal,
  ];
  if (exit !== undefined) {
    const output = Object.fromEntries([...outputs].map((id) => [id, `=${referenceTo(id)}`]));
    nodes.push({
      id: finishId,
      type: 'flow.end',
      params: outputs.size > 0 ? { output } : {},
      position: {
        x: Math.max(...xs) - left + 600,
        y: (inside.find((node) => node.id === exit.source)?.position?.y ?? top) - top,
      },
    });
    const { id: _id, target: _target, ...from } = exit;
    childEdges.push({ ...from, id: newEdge('e-finish'), target: finishId });
  }
  return {
    name,
    description: 'Extracted from another workflow, which calls it through flow.subworkflow.',
    nodes,
    edges: childEdges,
  };
}

interface Call {
  id: string;
  title: string;
  workflowId: string;
  entry: WorkflowEdge;
  exit: WorkflowEdge | undefined;
  passed: readonly string[];
  readNodes: ReadonlySet<string>;
}

function parentDefinition(
  definition: WorkflowDefinition,
  ids: ReadonlySet<string>,
  call: Call,
): WorkflowDefinition {
  const input: Record<string, unknown> = Object.fromEntries(
    call.passed.map((binding) => [binding, `=$${binding}`]),
  );
  if (call.readNodes.size > 0)
    input.nodes = Object.fromEntries([...call.readNodes].map((id) => [id, `=${referenceTo(id)}`]));
  const place = definition.nodes.find((node) => node.id === call.entry.target)?.position;
  const node: WorkflowNode = {
    id: call.id,
    type: 'flow.subworkflow',
    label: call.title,
    params: { workflowId: call.workflowId, input, wait: true },
    ...(place ? { position: place } : {}),
  };
  const readThrough = (source: string) =>
    source.replace(outsideReference, (whole, quoted?: string, bare?: string) => {
      const id = quoted ?? bare;
      return id !== undefined && ids.has(id) ? `${referenceTo(call.id)}.${pathStep(id)}` : whole;
    });
  const nodes = definition.nodes
    .filter((candidate) => !ids.has(candidate.id))
    .map((candidate) => {
      const params = mapExpressions(candidate.params, readThrough) as Record<string, unknown>;
      return params === candidate.params ? candidate : { ...candidate, params };
    });
  const edges = definition.edges.flatMap((edge): WorkflowEdge[] => {
    if (edge === call.entry) return [{ ...edge, target: call.id }];
    if (edge === call.exit) {
      const { sourcePort: _port, ...rest } = edge;
      return [{ ...rest, source: call.id }];
    }
    return ids.has(edge.source) || ids.has(edge.target) ? [] : [edge];
  });
  const entryGroup = definition.groups?.find((group) => group.nodes.includes(call.entry.target));
  const groups = definition.groups
    ?.map((group) => {
      const members = group.nodes.filter((id) => !ids.has(id));
      return { ...group, nodes: group === entryGroup ? [...members, call.id] : members };
    })
    .filter((group) => group.nodes.length > 0);
  return { ...definition, nodes: [...nodes, node], edges, ...(groups ? { groups } : {}) };
}
