import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { ValidationError } from './validation-error';

/**
 * Sub-process groups are visual, but the editor draws them from ids, so they must hold together:
 * group ids are unique, names are not blank, every member is an existing node, and a node is in one
 * group at most. Paths are relative to the definition (`groups[1].nodes[0]`).
 *
 * @example
 * checkGroups({ name: 'x', nodes: [], edges: [], groups: [{ id: 'a', name: 'A', nodes: ['gone'] }] });
 * // [{ path: 'groups[0].nodes[0]', code: 'unknown_group_node', message: 'Group "a" lists node "gone", which does not exist' }]
 */
export function checkGroups(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  const nodeIds = new Set(definition.nodes.map((node) => node.id));
  const groupIds = new Set<string>();
  const memberOf = new Map<string, string>();
  (definition.groups ?? []).forEach((group, index) => {
    const name = JSON.stringify(group.id);
    if (groupIds.has(group.id)) {
      errors.push({
        path: `groups[${index}].id`,
        code: 'duplicate_group_id',
        message: `Group id ${name} is used by another group`,
      });
    }
    groupIds.add(group.id);
    if (group.name.trim() === '') {
      errors.push({
        path: `groups[${index}].name`,
        code: 'blank_group_name',
        message: `Group ${name} needs a name`,
      });
    }
    group.nodes.forEach((nodeId, position) => {
      const path = `groups[${index}].nodes[${position}]`;
      const node = JSON.stringify(nodeId);
      if (!nodeIds.has(nodeId)) {
        errors.push({
          path,
          code: 'unknown_group_node',
          message: `Group ${name} lists node ${node}, which does not exist`,
        });
        return;
      }
      const other = memberOf.get(nodeId);
      if (other !== undefined) {
        errors.push({
          nodeId,
          path,
          code: 'node_in_two_groups',
          message: `Node ${node} is in group ${name} and in group ${JSON.stringify(other)}; a node is in one group at most`,
        });
        return;
      }
      memberOf.set(nodeId, group.id);
    });
  });
  return errors;
}
