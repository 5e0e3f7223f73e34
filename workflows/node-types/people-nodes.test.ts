import { checkParams } from '../validation/check-params';
import { humanApproval, humanTask } from './people-nodes';
import { entityTypeNames } from '../../schemas/vocabulary';

/** The params of the two people nodes' `related` record, checked as publish checks them. */
describe.each([
  { declaration: humanApproval, base: { assigneeRole: 'salesManager', title: 'Approve' } },
  {
    declaration: humanTask,
    base: { assigneeRole: 'support', title: 'Answer', formSchema: { type: 'object' } },
  },
])('$declaration.type params.related', ({ declaration, base }) => {
  const check = (related: unknown) =>
    checkParams({ id: 'n', type: declaration.type, params: { ...base, related } }, declaration);
  const problem = (path: string, predicate: string) => ({
    nodeId: 'n',
    path,
    code: 'invalid_params',
    message: `Node "n" (${declaration.type}): ${path} ${predicate}`,
  });

  test.each([
    ['literals', { entityType: 'account', id: 'acc-1' }],
    ['an expression id', { entityType: 'quote', id: '=$trigger.entity._id' }],
    ['an expression type and id', { entityType: '=$vars.type', id: '=$vars.id' }],
    ['one expression for the whole record', '={"entityType": "ticket", "id": $input.ticketId}'],
  ])('accepts %s', (_name, related) => {
    expect(check(related)).toEqual([]);
  });

  test('is optional', () => {
    expect(checkParams({ id: 'n', type: declaration.type, params: base }, declaration)).toEqual([]);
  });

  test('refuses an unknown entity type', () => {
    expect(check({ entityType: 'customer', id: 'c-1' })).toEqual([
      problem(
        'params.related.entityType',
        `must be one of ${entityTypeNames.map((name) => JSON.stringify(name)).join(', ')}`,
      ),
    ]);
  });

  test('needs both the type and the id, and nothing else', () => {
    expect(check({ entityType: 'account' })).toEqual([problem('params.related.id', 'is required')]);
    expect(check({ entityType: 'account', id: '', note: 'x' })).toEqual([
      problem('params.related.note', 'is not allowed'),
      problem('params.related.id', 'must NOT have fewer than 1 characters'),
    ]);
  });

  test('refuses a value that is not a record reference', () => {
    expect(check('acc-1')).toEqual([problem('params.related', 'must be object')]);
  });
});
