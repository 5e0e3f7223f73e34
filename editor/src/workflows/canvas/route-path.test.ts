import { fittedRoute, labelPoint, roundedPath } from './route-path';

const route = [
  { x: 0, y: 0 },
  { x: 50, y: 0 },
  { x: 50, y: 80 },
  { x: 100, y: 80 },
];

describe('routed edges', () => {
  test.each([
    ['handles where the layout put them', { x: 4, y: 0 }, { x: 100, y: 80 }, true],
    ['the source moved down', { x: 4, y: 30 }, { x: 100, y: 80 }, false],
    ['the target moved right', { x: 4, y: 0 }, { x: 160, y: 80 }, false],
  ])('a route is kept only while it fits the drawn handles: %s', (_case, source, target, kept) => {
    const fitted = fittedRoute(route, source, target);
    expect(fitted).toEqual(kept ? [source, ...route.slice(1, -1), target] : undefined);
  });

  test('corners are rounded, never by more than half a segment', () => {
    expect(roundedPath(route.slice(0, 3), 5)).toBe('M0 0L45 0Q50 0 50 5L50 80');
    expect(
      roundedPath(
        [
          { x: 0, y: 0 },
          { x: 4, y: 0 },
          { x: 4, y: 20 },
        ],
        8,
      ),
    ).toBe('M0 0L2 0Q4 0 4 2L4 20');
  });

  test('the label sits in the middle of the longest segment', () => {
    expect(labelPoint(route)).toEqual({ x: 50, y: 40 });
  });
});
