import { HttpError } from '../../http/http-error';
import { parseRunFilter, visibilityQuery } from './run-filter';

const base = 'WorkflowType = "interpretedWorkflow"';

describe('run filters', () => {
  test.each([
    [{}, `${base} AND ExecutionStatus != "ContinuedAsNew"`],
    [
      { status: 'failed', workflowId: 'wf1' },
      `${base} AND LedgerlineWorkflowId = "wf1" AND ExecutionStatus = "Failed"`,
    ],
    [
      { version: '3', trigger: 'entity', entityType: 'quote', entityId: 'q-1' },
      `${base} AND LedgerlineVersion = 3 AND LedgerlineTrigger = "entity" AND LedgerlineRecordType = "quote" AND LedgerlineRecordId = "q-1" AND ExecutionStatus != "ContinuedAsNew"`,
    ],
    [
      { startedAfter: '2026-01-01T00:00:00+01:00', startedBefore: '2026-02-01T00:00:00Z' },
      `${base} AND StartTime >= "2025-12-31T23:00:00.000Z" AND StartTime < "2026-02-01T00:00:00.000Z" AND ExecutionStatus != "ContinuedAsNew"`,
    ],
    [
      { failedNode: 'send', q: ' office  "refit" ' },
      `${base} AND LedgerlineFailedNode = "send" AND LedgerlineTitle = "office refit" AND ExecutionStatus != "ContinuedAsNew"`,
    ],
  ])('%j is queried as %s', (query, expected) => {
    expect(visibilityQuery(parseRunFilter(query))).toBe(expected);
  });

  test('every bad parameter is reported with its path', () => {
    let caught: unknown;
    try {
      parseRunFilter({
        workflowId: 'a" OR 1=1',
        status: ['running', 'failed'],
        startedAfter: '2026-02-01T00:00:00Z',
        startedBefore: '2026-01-01T00:00:00Z',
        entityType: 'spaceship',
      });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HttpError);
    expect((caught as HttpError).details).toEqual([
      { path: 'workflowId', message: 'must be a workflow id' },
      { path: 'status', message: 'must be a single value' },
      { path: 'startedBefore', message: 'must be later than startedAfter' },
      { path: 'entityType', message: 'must be an entity type' },
    ]);
  });
});
