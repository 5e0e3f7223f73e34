import { isRunStatus, runStatusOf, statusClause } from './run-status';

describe('run statuses', () => {
  test.each([
    ['RUNNING', 'running'],
    ['PAUSED', 'running'],
    ['COMPLETED', 'completed'],
    ['FAILED', 'failed'],
    ['CANCELLED', 'cancelled'],
    ['TERMINATED', 'terminated'],
    ['TIMED_OUT', 'timedOut'],
    ['CONTINUED_AS_NEW', 'continuedAsNew'],
    ['UNSPECIFIED', 'unknown'],
  ] as const)('Temporal %s is %s', (temporal, status) => {
    expect(runStatusOf(temporal)).toBe(status);
  });

  test.each([
    ['running', 'ExecutionStatus = "Running"'],
    ['cancelled', 'ExecutionStatus = "Canceled"'],
    ['timedOut', 'ExecutionStatus = "TimedOut"'],
    ['continuedAsNew', 'ExecutionStatus = "ContinuedAsNew"'],
  ] as const)('%s is queried as %s', (status, clause) => {
    expect(statusClause(status)).toBe(clause);
  });

  test('only API names are statuses', () => {
    expect(isRunStatus('timedOut')).toBe(true);
    expect(isRunStatus('TIMED_OUT')).toBe(false);
  });
});
