import { dropPoint } from './drop-point';

const pane = { left: 100, top: 50, right: 800, bottom: 650 };
const node = { width: 150, height: 60 };
const minimap = { left: 585, top: 485, right: 785, bottom: 635 };

describe('drop point', () => {
  test.each([
    ['inside the canvas: where it was dropped', { x: 300, y: 200 }, { x: 300, y: 200 }],
    ['half off the right edge: pulled in', { x: 760, y: 200 }, { x: 642, y: 200 }],
    ['above the top: pulled down', { x: 300, y: 20 }, { x: 300, y: 58 }],
    ['under the minimap: moved above it', { x: 600, y: 520 }, { x: 600, y: 417 }],
    ['below the bottom, left of the minimap: pulled up only', { x: 200, y: 640 }, { x: 200, y: 582 }],
  ])('%s', (_case, point, expected) => {
    expect(dropPoint(point, pane, node, [minimap])).toEqual(expected);
  });
});
