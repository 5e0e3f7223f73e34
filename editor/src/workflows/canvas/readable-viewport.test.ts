import { minReadableZoom, readableViewport, titleFontPx } from './readable-viewport';

describe('readable viewport', () => {
  test('the minimum zoom keeps titles at least 10 px', () => {
    expect(titleFontPx * minReadableZoom).toBeGreaterThanOrEqual(10);
  });

  test.each([
    [
      'a small graph is centred, at no more than 110%',
      { x: 0, y: 0, width: 200, height: 100 },
      { x: 240, y: 245, zoom: 1.1 },
    ],
    [
      'a graph that fits is shrunk to fit',
      { x: 100, y: 0, width: 800, height: 400 },
      { x: -37.5, y: 145, zoom: 0.775 },
    ],
    [
      'a long graph starts at its left end, centred vertically',
      { x: 0, y: 0, width: 4000, height: 300 },
      { x: 40, y: 187.5, zoom: 0.75 },
    ],
    [
      'a big graph starts at its top-left corner',
      { x: -100, y: -50, width: 4000, height: 3000 },
      { x: 115, y: 77.5, zoom: 0.75 },
    ],
  ])('%s', (_case, bounds, expected) => {
    expect(readableViewport(bounds, { width: 700, height: 600 })).toEqual(expected);
  });
});
