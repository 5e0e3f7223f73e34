import { parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  test.each([
    ['PT30S', 30_000],
    ['PT1M30S', 90_000],
    ['PT1.5S', 1_500],
    ['PT2H', 7_200_000],
    ['P2D', 172_800_000],
    ['P1W', 604_800_000],
    ['P1DT12H', 129_600_000],
    ['PT0S', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  test.each(['', 'P', 'PT', 'P1M', 'P1Y', '30S', 'PT-1S', 'P1DT', 'pt30s', 'PT1.2345S'])(
    '%j is not an accepted duration',
    (text) => {
      expect(parseIsoDuration(text)).toBeUndefined();
    },
  );
});
