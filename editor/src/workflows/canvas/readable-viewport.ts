/** A node title's font size on the canvas, in pixels at zoom 1 (see `.wf-node__title`). */
export const titleFontPx = 14;

/** The smallest zoom a fit goes to: node titles stay at least 10 px tall (10.5 px). */
export const minReadableZoom = 0.75;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The view that shows the whole graph (`bounds`, in graph coordinates) in a canvas of `canvas`
 * pixels, but never below `minReadableZoom`: a graph too big for that scrolls instead of shrinking
 * its titles out of reading. An axis the graph fits along is centred; one it overflows starts at the
 * graph's first nodes (left or top), where a process begins.
 *
 * @example
 * readableViewport({ x: 0, y: 0, width: 4000, height: 300 }, { width: 700, height: 600 });
 * // { x: 40, y: 187.5, zoom: 0.75 }: the left end of a long graph, vertically centred
 */
export function readableViewport(
  bounds: Box,
  canvas: { width: number; height: number },
  { padding = 40, maxZoom = 1.1 }: { padding?: number; maxZoom?: number } = {},
): Viewport {
  const fit = Math.min(
    (canvas.width - 2 * padding) / Math.max(1, bounds.width),
    (canvas.height - 2 * padding) / Math.max(1, bounds.height),
  );
  const zoom = Math.max(minReadableZoom, Math.min(maxZoom, fit));
  const place = (start: number, size: number, room: number) =>
    size * zoom + 2 * padding <= room ? (room - size * zoom) / 2 - start * zoom : padding - start * zoom;
  return {
    x: place(bounds.x, bounds.width, canvas.width),
    y: place(bounds.y, bounds.height, canvas.height),
    zoom,
  };
}
