/** A rectangle on the screen. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const margin = 8;

/**
 * Where a node dropped at `point` (its top-left corner, on the screen) is put so that all of it
 * lands on the canvas and none of it under the minimap or the zoom controls (`avoid`), where it
 * could not be clicked: moved in from the edges, then up above an overlay it would cover.
 *
 * @example
 * dropPoint({ x: 690, y: 10 }, { left: 0, top: 0, right: 700, bottom: 600 }, { width: 150, height: 60 }, []);
 * // { x: 542, y: 10 }: pulled back in from the right edge
 */
export function dropPoint(
  point: { x: number; y: number },
  pane: Rect,
  size: { width: number; height: number },
  avoid: readonly Rect[],
): { x: number; y: number } {
  const clamp = (value: number, low: number, high: number) =>
    Math.max(low, Math.min(value, Math.max(low, high)));
  const x = clamp(point.x, pane.left + margin, pane.right - margin - size.width);
  let y = clamp(point.y, pane.top + margin, pane.bottom - margin - size.height);
  for (const overlay of avoid) {
    const overlaps =
      x < overlay.right &&
      x + size.width > overlay.left &&
      y < overlay.bottom &&
      y + size.height > overlay.top;
    if (overlaps) y = Math.max(pane.top + margin, overlay.top - margin - size.height);
  }
  return { x, y };
}
