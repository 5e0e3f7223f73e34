import type { TaskDocument } from '../tasks';
import { composeDigest, type DigestContent } from './digest';

const window = { from: '2026-03-01T08:00:00.000Z', until: '2026-03-01T09:00:00.000Z' };

function failure(id: string, nodeId: string | null, message: string): DigestContent['failures'][number] {
  return {
    _id: id,
    workflowId: 'wf-1',
    workflowName: 'Quote to cash',
    version: 2,
    nodeId,
    message,
    code: 'activity_failed',
    failedAt: '2026-03-01T08:30:00.000Z',
  };
}

const overdueTask = {
  _id: 't1',
  title: 'Approve quote Q-7',
  assigneeRole: 'salesManager',
  escalatedTo: 'admin',
  dueAt: '2026-03-01T07:00:00.000Z',
} as TaskDocument;

describe('composeDigest', () => {
  it('sends nothing when nothing happened', () => {
    expect(composeDigest({ failures: [], overdue: [] }, window)).toBeUndefined();
  });

  it('groups failures by workflow and node, then lists overdue tasks by the role that must act', () => {
    expect(
      composeDigest(
        {
          failures: [
            failure('run-1', 'invoice', 'credit limit exceeded'),
            failure('run-2', null, 'Step limit of 1000 reached'),
            failure('run-3', 'invoice', 'credit limit exceeded'),
          ],
          overdue: [overdueTask],
        },
        window,
      ),
    ).toEqual({
      subject: 'Ledgerline: 3 failed runs, 1 overdue task',
      body: [
        'Between 2026-03-01T08:00:00.000Z and 2026-03-01T09:00:00.000Z:',
        '',
        'Failed runs:',
        '- Quote to cash · node invoice: 2 runs',
        '  run-1: credit limit exceeded',
        '  run-3: credit limit exceeded',
        '- Quote to cash · node (none): 1 run',
        '  run-2: Step limit of 1000 reached',
        '',
        'Overdue tasks:',
        '- Approve quote Q-7 (admin), due 2026-03-01T07:00:00.000Z',
      ].join('\n'),
    });
  });

  it('leaves out what the subscription does not report', () => {
    expect(composeDigest({ failures: [], overdue: [overdueTask] }, window)?.subject).toBe(
      'Ledgerline: 1 overdue task',
    );
  });
});
