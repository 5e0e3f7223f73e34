import type { ApplicationFailure } from '@temporalio/common';
import { applyStatusPolicy, retryAfterMs, statusMatches } from './http-status-policy';

function failureOf(
  status: number,
  params: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  try {
    applyStatusPolicy(
      { status, headers, body: 'x'.repeat(3000) },
      params,
      Date.parse('2026-12-04T12:00:00Z'),
    );
  } catch (error: unknown) {
    const failure = error as ApplicationFailure;
    return { type: failure.type, nonRetryable: failure.nonRetryable, delay: failure.nextRetryDelay };
  }
  return 'passed';
}

describe('the http.request status policy', () => {
  test.each([
    [200, {}, {}, 'passed'],
    [302, {}, {}, 'passed'],
    [404, {}, {}, { type: 'HttpStatus', nonRetryable: true, delay: undefined }],
    [503, {}, { 'retry-after': '2' }, { type: 'HttpStatus', nonRetryable: false, delay: 2000 }],
    [
      429,
      {},
      { 'retry-after': 'Fri, 04 Dec 2026 12:00:05 GMT' },
      { type: 'HttpStatus', nonRetryable: false, delay: 5000 },
    ],
    [500, { retryOn: [] }, {}, { type: 'HttpStatus', nonRetryable: true, delay: undefined }],
    [500, { failOn: ['4xx'] }, {}, 'passed'],
    [
      418,
      { failOn: [418], retryOn: ['4xx'] },
      {},
      { type: 'HttpStatus', nonRetryable: false, delay: undefined },
    ],
  ])('%d with %j and headers %j', (status, params, headers, expected) => {
    expect(failureOf(status, params, headers)).toEqual(expected);
  });

  test('the failure carries the response with its body cut to 2,000 characters', () => {
    try {
      applyStatusPolicy({ status: 400, headers: { a: 'b' }, body: 'y'.repeat(3000) }, {});
    } catch (error: unknown) {
      expect((error as ApplicationFailure).details).toEqual([
        { status: 400, headers: { a: 'b' }, body: `${'y'.repeat(2000)}…` },
      ]);
    }
    expect.assertions(1);
  });

  test('status specs are codes or classes', () => {
    expect(statusMatches(503, ['5xx'])).toBe(true);
    expect(statusMatches(503, ['503'])).toBe(true);
    expect(statusMatches(503, [504, '4xx'])).toBe(false);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
