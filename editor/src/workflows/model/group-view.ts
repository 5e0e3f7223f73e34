import {
  DEFAULT_PORT,
  edgePort,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from './core';

/** A collapsed sub-process as the canvas draws it: one box standing for its nodes. */
export interface GroupBox {
  groupId: string;
  name: string;
  /** How many nodes the box stands for. */
  count: number;
}

/** An expanded sub-process: a labelled frame drawn around its nodes. */
export interface GroupFrame {
  groupId: string;
  name: string;
  nodeIds: readonly string[];
}

/** What the canvas shows of a definition with its sub-processes collapsed, expanded or opened. */
export interface GroupProjection {
  /** The nodes and edges drawn: real nodes, a box node for each collapsed group, and edges between them. */
  definition: WorkflowDefinition;
  boxes: ReadonlyMap<string, GroupBox>;
  frames: readonly GroupFrame[];
  /**
   * Boxes have no stored place, so a view with any is laid out afresh rather than drawn as stored;
   * so is a group opened alone.
   */
  laidOut: boolean;
}

/** The id of a collapsed group's box on the canvas; never a node id, which has no ':'. */
export const boxId = (groupId: string) => `group:${groupId}`;

/**
 * The view of a definition with the `collapsed` groups drawn as boxes, or, with `focus`, only that
 * group's nodes and the edges between them (the group opened as its own canvas). Edges entering or
 * leaving a collapsed group are drawn to or from its box, once per pair of ends; edges inside it
 * are not drawn. A box is typed as `flow.subworkflow` for layout: one input, one `out` port.
 *
 * @example
 * projectGroups(definition, new Set(['approval'])).boxes.get('group:approval'); // { groupId: 'approval', name: 'Approval', count: 7 }
 */
export function projectGroups(
  definition: WorkflowDefinition,
  collapsed: ReadonlySet<string>,
  focus?: string,
): GroupProjection {
  const groups = definition.groups ?? [];
  const focused = focus === undefined ? undefined : groups.find((group) => group.id === focus);
  if (focused) {
    const members = new Set(focused.nodes);
    return {
      definition: {
        ...definition,
        nodes: definition.nodes.filter((node) => members.has(node.id)),
        edges: definition.edges.filter((edge) => members.has(edge.source) && members.has(edge.target)),
      },
      boxes: new Map(),
      frames: [],
      // Its stored places are those of the whole process: alone, the stage is laid out to read at once.
      laidOut: true,
    };
  }
  const owner = new Map<string, string>();
  const boxes = new Map<string, GroupBox>();
  const frames: GroupFrame[] = [];
  const existing = new Set(definition.nodes.map((node) => node.id));
  for (const group of groups) {
    const members = group.nodes.filter((id) => existing.has(id));
    if (members.length === 0) continue;
    if (collapsed.has(group.id)) {
      for (const id of members) owner.set(id, boxId(group.id));
      boxes.set(boxId(group.id), { groupId: group.id, name: group.name, count: members.length });
    } else frames.push({ groupId: group.id, name: group.name, nodeIds: members });
  }
  if (boxes.size === 0) return { definition, boxes, frames, laidOut: false };
  // Each box takes the place of its group's first node, so the layout meets the stages in process order.
  const nodes: WorkflowNode[] = [];
  for (const node of definition.nodes) {
    const box = owner.get(node.id);
    if (box === undefined) nodes.push(node);
    else if (!nodes.some((shown) => shown.id === box))
      nodes.push({ id: box, type: 'flow.subworkflow', label: boxes.get(box)!.name, params: {} });
  }
  const seen = new Set<string>();
  const edges: WorkflowEdge[] = [];
  for (const edge of definition.edges) {
    const source = owner.get(edge.source) ?? edge.source;
    const target = owner.get(edge.target) ?? edge.target;
    if (source === target && owner.has(edge.source)) continue;
    const port = owner.has(edge.source) ? DEFAULT_PORT : edgePort(edge);
    const key = `${source}\u0000${port}\u0000${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(
      source === edge.source && target === edge.target
        ? edge
        : { id: edge.id, source, ...(port === DEFAULT_PORT ? {} : { sourcePort: port }), target },
    );
  }
  return { definition: { ...definition, nodes, edges }, boxes, frames, laidOut: true };
}

/** A swimlane: the band where the human steps of one assignee role are drawn. */
export interface Lane {
  role: string;
  top: number;
  height: number;
}

/** The height of a swimlane band, room for one row of nodes and its label. */
export const laneHeight = 170;

/** The assignee role a human step's lane is labelled by: the role, or the expression that picks it. */
function laneRole(node: WorkflowNode): string | undefined {
  if (node.type !== 'human.task' && node.type !== 'human.approval') return undefined;
  const role = node.params.assigneeRole;
  return typeof role === 'string' && role !== '' ? role : 'unassigned';
}

/**
 * Swimlanes by assignee role: every human.task and human.approval node moves into a horizontal
 * band below the rest of the graph, one band per role in order of first appearance, keeping its
 * place along the process. Other nodes stay where they are.
 *
 * @example
 * swimlanes(definition).lanes; // [{ role: 'salesManager', top: 420, height: 170 }, { role: 'finance', … }]
 */
export function swimlanes(definition: WorkflowDefinition): { definition: WorkflowDefinition; lanes: Lane[] } {
  const others = definition.nodes.filter((node) => laneRole(node) === undefined);
  const bottom = Math.max(0, ...others.map((node) => (node.position?.y ?? 0) + 140));
  const lanes: Lane[] = [];
  const nodes = definition.nodes.map((node) => {
    const role = laneRole(node);
    if (role === undefined) return node;
    let lane = lanes.find((candidate) => candidate.role === role);
    if (!lane) {
      lane = { role, top: bottom + 40 + lanes.length * laneHeight, height: laneHeight };
      lanes.push(lane);
    }
    return { ...node, position: { x: node.position?.x ?? 0, y: lane.top + 40 } };
  });
  return { definition: lanes.length === 0 ? definition : { ...definition, nodes }, lanes };
}

/**
 * The definition with `nodeIds` gathered into a new sub-process named `name` (taken out of any
 * other group, which is dropped when left empty). Its id comes from the name, made unique.
 *
 * @example
 * groupNodes(definition, ['check', 'approve'], 'Approval').groups; // [..., { id: 'approval', name: 'Approval', nodes: ['check', 'approve'] }]
 */
export function groupNodes(
  definition: WorkflowDefinition,
  nodeIds: readonly string[],
  name: string,
): WorkflowDefinition {
  const members = new Set(nodeIds);
  const kept = (definition.groups ?? [])
    .map((group) => ({ ...group, nodes: group.nodes.filter((id) => !members.has(id)) }))
    .filter((group) => group.nodes.length > 0);
  const taken = new Set(kept.map((group) => group.id));
  const base = (name.toLowerCase().match(/[a-z0-9]+/g) ?? ['stage']).join('-').slice(0, 56) || 'stage';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}${n}`;
  const nodes = definition.nodes.filter((node) => members.has(node.id)).map((node) => node.id);
  return { ...definition, groups: [...kept, { id, name, nodes }] };
}

/** The selected node ids with every selected box replaced by the nodes of its group. */
export function selectedNodeIds(definition: WorkflowDefinition, selected: ReadonlySet<string>): Set<string> {
  const ids = new Set<string>();
  for (const id of selected) {
    const group = definition.groups?.find((candidate) => boxId(candidate.id) === id);
    if (group) for (const member of group.nodes) ids.add(member);
    else ids.add(id);
  }
  return ids;
}
