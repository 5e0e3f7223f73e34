import type { NodeAnalytics } from '../../../../domain/process-analytics/analytics-answer';
import { describeMeasure, edgeWidth, formatDuration, heatLevels } from './heat-scale';

function node(nodeId: string, runs: number, p90Ms?: number, failedRuns = 0): NodeAnalytics {
  return {
    nodeId,
    type: 'data.set',
    label: null,
    runs,
    failedRuns,
    failureRate: runs === 0 ? null : failedRuns / runs,
    duration: p90Ms === undefined ? null : { medianMs: p90Ms, p90Ms, samples: runs },
    durationKind: 'duration',
  };
}

const nodes = [node('start', 8, 10), node('slow', 4, 90_000, 1), node('rare', 1, 5, 1), node('never', 0)];

test.each([
  ['runs', { start: 4, slow: 2, rare: 1, never: 0 }],
  ['p90', { start: 1, slow: 4, rare: 1 }],
  ['failureRate', { start: 0, slow: 1, rare: 4 }],
] as const)('heat levels by %s', (measure, expected) => {
  expect(Object.fromEntries(heatLevels(nodes, measure))).toEqual(expected);
});

test('no figure above zero leaves every node cold', () => {
  expect(Object.fromEntries(heatLevels([node('a', 0), node('b', 0)], 'runs'))).toEqual({ a: 0, b: 0 });
});

test.each([
  [null, 1],
  [0, 1],
  [0.5, 5.5],
  [1, 10],
])('an edge taken by a share of %p is %p px wide', (share, width) => {
  expect(edgeWidth(share)).toBe(width);
});

test.each([
  [850, '850 ms'],
  [12_400, '12 s'],
  [270_000, '4.5 min'],
  [11_520_000, '3.2 h'],
  [181_440_000, '2.1 d'],
])('%p ms reads %p', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test.each([
  ['runs', 'slow', '4 runs'],
  ['p90', 'slow', 'p90 1.5 min'],
  ['p90', 'never', 'no duration'],
  ['failureRate', 'slow', '25% failed'],
  ['failureRate', 'never', 'not reached'],
] as const)('the %s badge of %s reads %p', (measure, nodeId, text) => {
  expect(
    describeMeasure(
      nodes.find((candidate) => candidate.nodeId === nodeId)!,
      measure,
    ),
  ).toBe(text);
});
