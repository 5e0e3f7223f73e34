import type { WorkflowDefinition, WorkflowNode } from '../model/core';

/**
 * A workflow of `size` nodes for the editor benchmark: a manual trigger, then a chain laid out in a
 * square (so a fitted view shows every node at every size) that mixes record updates (an error port), If nodes (two ports, the false branch skipping one
 * node) and data nodes, so edges, ports and labels are what real graphs draw.
 */
export function benchGraph(size: number): WorkflowDefinition {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowDefinition['edges'] = [];
  const columns = Math.max(3, Math.ceil(Math.sqrt(size)));
  for (let index = 0; index < size; index++) {
    const id = `n${index}`;
    const position = { x: (index % columns) * 260, y: Math.floor(index / columns) * 170 };
    if (index === 0) nodes.push({ id, type: 'trigger.manual', params: {}, position });
    else if (index % 3 === 1)
      nodes.push({
        id,
        type: 'entity.update',
        params: { entityType: 'ticket', id: '=$input.id', changes: { priority: 'high' } },
        position,
      });
    else if (index % 3 === 2)
      nodes.push({ id, type: 'logic.if', params: { condition: `=$input.amount > ${index}` }, position });
    else nodes.push({ id, type: 'data.set', params: { values: { step: index } }, position });
    if (index === 0) continue;
    const previous = nodes[index - 1]!;
    edges.push({
      id: `e${index}`,
      source: previous.id,
      ...(previous.type === 'logic.if' ? { sourcePort: 'true' } : {}),
      target: id,
    });
    if (previous.type === 'logic.if' && index + 1 < size) {
      edges.push({ id: `f${index}`, source: previous.id, sourcePort: 'false', target: `n${index + 1}` });
    }
  }
  return { name: `Benchmark ${size}`, nodes, edges };
}
