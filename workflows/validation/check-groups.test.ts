import type { WorkflowDefinition, WorkflowGroup } from '../definition/workflow-definition';
import { checkGroups } from './check-groups';
import { validateDefinition } from './validate-definition';

function withGroups(groups: WorkflowGroup[]): WorkflowDefinition {
  return {
    name: 'Grouped',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'note', type: 'data.set', params: { values: { seen: true } } },
      { id: 'done', type: 'flow.end', params: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'note' },
      { id: 'e2', source: 'note', target: 'done' },
    ],
    groups,
  };
}

describe('sub-process groups', () => {
  test('groups over existing nodes, each node in one group, are valid', () => {
    const definition = withGroups([
      { id: 'intake', name: 'Intake', nodes: ['start', 'note'], collapsed: true },
      { id: 'finish', name: 'Finish', nodes: ['done'] },
    ]);
    expect(validateDefinition(definition)).toEqual({ valid: true, errors: [] });
  });

  test.each<[string, WorkflowGroup[], object[]]>([
    [
      'a member that is not a node',
      [{ id: 'intake', name: 'Intake', nodes: ['start', 'gone'] }],
      [
        {
          path: 'groups[0].nodes[1]',
          code: 'unknown_group_node',
          message: 'Group "intake" lists node "gone", which does not exist',
        },
      ],
    ],
    [
      'a node in two groups',
      [
        { id: 'intake', name: 'Intake', nodes: ['start', 'note'] },
        { id: 'later', name: 'Later', nodes: ['note', 'done'] },
      ],
      [
        {
          nodeId: 'note',
          path: 'groups[1].nodes[0]',
          code: 'node_in_two_groups',
          message: 'Node "note" is in group "later" and in group "intake"; a node is in one group at most',
        },
      ],
    ],
    [
      'a node listed twice in one group',
      [{ id: 'intake', name: 'Intake', nodes: ['start', 'start'] }],
      [
        {
          nodeId: 'start',
          path: 'groups[0].nodes[1]',
          code: 'node_in_two_groups',
          message: 'Node "start" is in group "intake" and in group "intake"; a node is in one group at most',
        },
      ],
    ],
    [
      'a blank name and a repeated id',
      [
        { id: 'intake', name: 'Intake', nodes: ['start'] },
        { id: 'intake', name: '  ', nodes: ['done'] },
      ],
      [
        {
          path: 'groups[1].id',
          code: 'duplicate_group_id',
          message: 'Group id "intake" is used by another group',
        },
        { path: 'groups[1].name', code: 'blank_group_name', message: 'Group "intake" needs a name' },
      ],
    ],
  ])('%s is refused with its path', (_name, groups, errors) => {
    expect(checkGroups(withGroups(groups))).toEqual(errors);
    expect(validateDefinition(withGroups(groups))).toEqual({ valid: false, errors });
  });

  test.each<[string, unknown, object[]]>([
    [
      'an empty name',
      [{ id: 'intake', name: '', nodes: [] }],
      [
        {
          path: 'groups[0].name',
          code: 'schema',
          message: 'groups[0].name must NOT have fewer than 1 characters',
        },
      ],
    ],
    [
      'a missing node list and an unknown field',
      [{ id: 'intake', name: 'Intake', lane: 'sales' }],
      [
        { path: 'groups[0].nodes', code: 'schema', message: 'groups[0].nodes is required' },
        { path: 'groups[0].lane', code: 'schema', message: 'groups[0].lane is not allowed' },
      ],
    ],
  ])('a group with %s fails the schema with its path', (_name, groups, errors) => {
    const definition = { ...withGroups([]), groups };
    expect(validateDefinition(definition)).toEqual({ valid: false, errors });
  });
});
