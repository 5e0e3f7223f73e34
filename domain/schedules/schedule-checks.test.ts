import type { WorkflowDefinition } from '../../workflows';
import { scheduleTriggerErrors } from './schedule-checks';

function definition(nodes: WorkflowDefinition['nodes']): WorkflowDefinition {
  return { name: 'w', nodes, edges: [] };
}

describe('scheduleTriggerErrors', () => {
  test('names the node and the param of a bad cron and a bad time zone', () => {
    expect(
      scheduleTriggerErrors(
        definition([
          {
            id: 'nightly',
            type: 'trigger.schedule',
            params: { cron: '0 25 * * *', timezone: 'Europe/Berln' },
          },
          {
            id: 'fine',
            type: 'trigger.schedule',
            params: { cron: '0 7 * * mon-fri', timezone: 'Europe/Berlin' },
          },
        ]),
      ),
    ).toEqual([
      {
        nodeId: 'nightly',
        path: 'params.cron',
        code: 'invalid_params',
        message: 'Node "nightly" (trigger.schedule): params.cron hour field: 25 is out of range 0-23',
      },
      {
        nodeId: 'nightly',
        path: 'params.timezone',
        code: 'invalid_params',
        message:
          'Node "nightly" (trigger.schedule): params.timezone is not an IANA time zone such as Europe/Berlin or UTC',
      },
    ]);
  });

  test('skips disabled nodes, other node types and params of the wrong type (the schema reports those)', () => {
    expect(
      scheduleTriggerErrors(
        definition([
          { id: 'off', type: 'trigger.schedule', params: { cron: 'nonsense' }, disabled: true },
          { id: 'manual', type: 'trigger.manual', params: { cron: 'nonsense' } },
          { id: 'typed', type: 'trigger.schedule', params: { cron: 5, timezone: false } },
        ]),
      ),
    ).toEqual([]);
  });
});
