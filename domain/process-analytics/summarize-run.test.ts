import type { RunStatsReport } from './run-stats-report';
import { summarizeRun } from './summarize-run';

const base: Omit<RunStatsReport, 'visits'> = {
  runId: 'run-1',
  workflowId: 'wf-1',
  version: 2,
  status: 'failed',
  startedAt: '2026-01-01T10:00:00.000Z',
  closedAt: '2026-01-01T10:05:00.000Z',
  visitsDropped: 0,
};

test('one entry per node reached, with visits, failure, summed duration, and the ports left by', () => {
  const document = summarizeRun({
    ...base,
    visits: [
      {
        nodeId: 'start',
        type: 'trigger.manual',
        status: 'completed',
        startedAt: '2026-01-01T10:00:00.000Z',
        endedAt: '2026-01-01T10:00:00.000Z',
        port: 'out',
      },
      {
        nodeId: 'review',
        type: 'human.approval',
        status: 'completed',
        startedAt: '2026-01-01T10:00:00.000Z',
        endedAt: '2026-01-01T10:01:00.000Z',
        port: 'rejected',
      },
      {
        nodeId: 'review',
        type: 'human.approval',
        status: 'completed',
        startedAt: '2026-01-01T10:02:00.000Z',
        endedAt: '2026-01-01T10:04:00.000Z',
        port: 'approved',
      },
      {
        nodeId: 'post',
        type: 'http.request',
        status: 'failed',
        startedAt: '2026-01-01T10:04:00.000Z',
        endedAt: '2026-01-01T10:04:30.000Z',
      },
      { nodeId: 'off', type: 'data.set', status: 'skipped', startedAt: '2026-01-01T10:04:00.000Z' },
      {
        nodeId: 'undo',
        type: 'entity.delete',
        status: 'completed',
        startedAt: '2026-01-01T10:04:30.000Z',
        endedAt: '2026-01-01T10:04:31.000Z',
        compensation: true,
      },
    ],
  });
  const { runId, ...fields } = base;
  expect(document).toEqual({
    _id: runId,
    ...fields,
    nodes: [
      { nodeId: 'start', type: 'trigger.manual', visits: 1, failed: 0, durationMs: 0 },
      {
        nodeId: 'review',
        type: 'human.approval',
        visits: 2,
        failed: 0,
        durationMs: 180_000,
      },
      { nodeId: 'post', type: 'http.request', visits: 1, failed: 1, durationMs: 30_000 },
    ],
    exits: [
      { nodeId: 'start', port: 'out' },
      { nodeId: 'review', port: 'rejected' },
      { nodeId: 'review', port: 'approved' },
    ],
  });
});

test('a visit a cancel stopped is reached, neither failed nor timed', () => {
  const document = summarizeRun({
    ...base,
    status: 'cancelled',
    visits: [
      {
        nodeId: 'review',
        type: 'human.approval',
        status: 'failed',
        startedAt: '2026-01-01T10:00:00.000Z',
        endedAt: '2026-01-01T10:03:00.000Z',
        cancelled: true,
      },
    ],
  });
  expect(document.nodes).toEqual([
    { nodeId: 'review', type: 'human.approval', visits: 1, failed: 0, durationMs: null },
  ]);
});

test('a visit still open when the run closed counts as reached, without a duration', () => {
  const document = summarizeRun({
    ...base,
    status: 'cancelled',
    visits: [{ nodeId: 'wait', type: 'flow.wait', status: 'waiting', startedAt: '2026-01-01T10:00:00.000Z' }],
  });
  expect(document.nodes).toEqual([
    { nodeId: 'wait', type: 'flow.wait', visits: 1, failed: 0, durationMs: null },
  ]);
});
