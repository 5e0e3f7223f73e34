import type { Point } from '../model/auto-layout';

/** How far an edge's drawn end may lie from its routed end, across and along the route, in pixels. */
const acrossTolerance = 2;
const alongTolerance = 12;

function near(route: Point, drawn: Point, horizontal: boolean): boolean {
  const across = horizontal ? Math.abs(route.y - drawn.y) : Math.abs(route.x - drawn.x);
  const along = horizontal ? Math.abs(route.x - drawn.x) : Math.abs(route.y - drawn.y);
  return across <= acrossTolerance && along <= alongTolerance;
}

/**
 * The route laid out for an edge when it still fits the drawn handles: its ends are moved onto the
 * handles, which the layout placed within a few pixels of them. Undefined once either end's node
 * has moved since the layout, and the edge is drawn without a route.
 *
 * @example
 * fittedRoute([{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 80 }, { x: 100, y: 80 }], { x: 4, y: 0 }, { x: 100, y: 80 });
 * // [{ x: 4, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 80 }, { x: 100, y: 80 }]
 */
export function fittedRoute(route: readonly Point[], source: Point, target: Point): Point[] | undefined {
  const first = route[0];
  const second = route[1];
  const last = route[route.length - 1];
  const beforeLast = route[route.length - 2];
  if (!first || !second || !last || !beforeLast) return undefined;
  if (!near(first, source, first.y === second.y)) return undefined;
  if (!near(last, target, last.y === beforeLast.y)) return undefined;
  return [source, ...route.slice(1, -1), target];
}

/**
 * An SVG path through `points` with each corner rounded by up to `radius` (less where a segment is
 * short), as orthogonal edges are drawn.
 *
 * @example
 * roundedPath([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }], 5); // 'M0 0L15 0Q20 0 20 5L20 20'
 */
export function roundedPath(points: readonly Point[], radius = 8): string {
  const [start, ...rest] = points;
  if (!start) return '';
  const round = (value: number) => Math.round(value * 10) / 10;
  let path = `M${round(start.x)} ${round(start.y)}`;
  for (let i = 0; i < rest.length; i += 1) {
    const corner = rest[i]!;
    const previous = points[i]!;
    const next = rest[i + 1];
    if (!next) {
      path += `L${round(corner.x)} ${round(corner.y)}`;
      break;
    }
    const inLength = Math.hypot(corner.x - previous.x, corner.y - previous.y);
    const outLength = Math.hypot(next.x - corner.x, next.y - corner.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r <= 0) continue;
    const before = {
      x: corner.x - ((corner.x - previous.x) / inLength) * r,
      y: corner.y - ((corner.y - previous.y) / inLength) * r,
    };
    const after = {
      x: corner.x + ((next.x - corner.x) / outLength) * r,
      y: corner.y + ((next.y - corner.y) / outLength) * r,
    };
    path += `L${round(before.x)} ${round(before.y)}Q${round(corner.x)} ${round(corner.y)} ${round(after.x)} ${round(after.y)}`;
  }
  return path;
}

/**
 * Where an edge's port label goes: the middle of its longest segment, where it is easiest to find
 * when following a long edge.
 */
export function labelPoint(points: readonly Point[]): Point {
  let best = { length: -1, point: points[0] ?? { x: 0, y: 0 } };
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > best.length) best = { length, point: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  }
  return best.point;
}
