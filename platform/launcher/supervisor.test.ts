import { decideRestart, defaultRestartPolicy } from './supervisor';

describe('decideRestart', () => {
  test.each([
    { crashes: [0], now: 0, decision: { action: 'restart', delayMs: 500 } },
    { crashes: [0, 1000], now: 1000, decision: { action: 'restart', delayMs: 1000 } },
    { crashes: [0, 1, 2, 3], now: 3, decision: { action: 'restart', delayMs: 4000 } },
    { crashes: [0, 1, 2, 3, 4], now: 4, decision: { action: 'give-up' } },
    // Crashes older than the two-minute window no longer count.
    { crashes: [0, 1, 2, 3, 120_000], now: 120_000, decision: { action: 'restart', delayMs: 4000 } },
    { crashes: [0, 1, 2, 3, 200_000], now: 200_000, decision: { action: 'restart', delayMs: 500 } },
  ])('crashes at $crashes, now $now: $decision.action', ({ crashes, now, decision }) => {
    expect(decideRestart(crashes, now, defaultRestartPolicy)).toEqual(decision);
  });

  test('the delay is capped', () => {
    const policy = { ...defaultRestartPolicy, maxCrashes: 100 };
    expect(
      decideRestart(
        Array.from({ length: 20 }, () => 0),
        0,
        policy,
      ),
    ).toEqual({
      action: 'restart',
      delayMs: 8000,
    });
  });
});
