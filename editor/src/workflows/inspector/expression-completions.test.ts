import type { WorkflowDefinition } from '../model/core';
import { suggestionsFor, type EntityFields } from './expression-completions';

const definition: WorkflowDefinition = {
  name: 'Ticket triage',
  nodes: [
    { id: 'start', type: 'trigger.entity', params: { entityType: 'ticket', events: ['created'] } },
    {
      id: 'account',
      type: 'entity.get',
      label: 'Load the account',
      params: { entityType: 'account', id: '=$trigger.entity.accountId' },
    },
    { id: 'set', type: 'data.set', params: { values: { urgent: '=true', team: 'support' } } },
    { id: 'approve', type: 'human.approval', params: { assigneeRole: 'admin', title: 'Approve' } },
  ],
  edges: [],
};

const entityFields: Record<string, Record<string, { title: string }>> = {
  ticket: { subject: { title: 'Subject' }, priority: { title: 'Priority' } },
  account: { name: { title: 'Name' } },
};
const fields: EntityFields = (type) => entityFields[type];

const labels = (path: string) =>
  suggestionsFor(path, definition, fields).map((suggestion) => suggestion.label);

describe('expression completions', () => {
  test.each([
    ['$trigger.', ['event', 'entity', 'previous', 'changes']],
    ['$trigger.entity.', ['subject', 'priority']],
    ['$trigger.entity.pri', ['subject', 'priority']],
    ['$nodes.', ['account', 'set', 'approve']],
    ['$nodes.account.', ['name']],
    ['$nodes.approve.', ['outcome', 'data', 'completedBy']],
    ['$vars.', ['urgent', 'team']],
    ['$nodes.unknown.', []],
  ])('%s offers %j', (path, expected) => {
    expect(labels(path)).toEqual(expected);
  });

  test('a bare $ offers the variables and the built-ins with their signatures', () => {
    const suggestions = suggestionsFor('$', definition, fields);
    expect(suggestions.slice(0, 4).map((suggestion) => suggestion.label)).toEqual([
      '$trigger',
      '$input',
      '$nodes',
      '$vars',
    ]);
    expect(suggestions.find((suggestion) => suggestion.label === '$formatNumber')).toEqual({
      label: '$formatNumber',
      type: 'function',
      detail: '$formatNumber(number, picture, options?)',
      info: 'Formats a number, e.g. "#,##0.00".',
    });
  });

  test('a node is described by its label and its type’s output', () => {
    expect(suggestionsFor('$nodes.', definition, fields)[0]).toEqual({
      label: 'account',
      type: 'property',
      detail: 'Load the account',
      info: 'The record.',
    });
  });
});
