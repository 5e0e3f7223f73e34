import type { Page } from 'playwright-core';

/** What a reader meets on the canvas as drawn: the figures the layout test holds. */
export interface GraphMeasure {
  /** The canvas zoom (1 = the nodes' own size). */
  zoom: number;
  /** The node titles' rendered font size in screen pixels. */
  titlePx: number;
  /** Pairs of nodes whose boxes intersect. */
  overlaps: string[];
  /** Points where two edges' drawn paths cross (edges leaving one port or entering one node excepted). */
  crossings: number;
}

/** An edge of the definition on the canvas. */
export interface GraphEdge {
  id: string;
  source: string;
  sourcePort?: string;
  target: string;
}

/**
 * Measures the canvas in the page: its zoom, the title size at that zoom, overlapping node boxes,
 * and edge crossings found by sampling each edge's SVG path into segments and intersecting them.
 * Edges that leave the same port or enter the same node share their ends by design and are not
 * counted against each other. The script is plain JavaScript: it runs in the page, whose DOM types
 * the tests are not compiled with.
 */
export function measureGraph(page: Page, definitionEdges: readonly GraphEdge[]): Promise<GraphMeasure> {
  return page.evaluate<GraphMeasure>(`((known) => {
    const viewport = document.querySelector('.react-flow__viewport');
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const title = document.querySelector('.wf-node__title');
    const titlePx = parseFloat(getComputedStyle(title).fontSize) * zoom;

    const nodes = [...document.querySelectorAll('.react-flow__node')].map((element) => ({
      id: element.dataset.id ?? '',
      box: element.getBoundingClientRect(),
    }));
    const overlaps = [];
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = nodes[i].box;
        const b = nodes[j].box;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          overlaps.push(nodes[i].id + '/' + nodes[j].id);
      }
    }

    const edges = [...document.querySelectorAll('.react-flow__edge')].map((group) => {
      const path = group.querySelector('.react-flow__edge-path');
      const length = path.getTotalLength();
      const points = [];
      const steps = Math.max(2, Math.ceil(length / 4));
      for (let i = 0; i <= steps; i += 1) {
        const point = path.getPointAtLength((length * i) / steps);
        points.push({ x: point.x, y: point.y });
      }
      const edge = known.find((candidate) => candidate.id === group.dataset.id);
      return {
        points,
        source: edge?.source ?? '',
        port: edge?.sourcePort ?? 'out',
        target: edge?.target ?? '',
      };
    });
    const cross = (p, q, r, s) => {
      const d = (q.x - p.x) * (s.y - r.y) - (q.y - p.y) * (s.x - r.x);
      if (Math.abs(d) < 1e-9) return undefined;
      const t = ((r.x - p.x) * (s.y - r.y) - (r.y - p.y) * (s.x - r.x)) / d;
      const u = ((r.x - p.x) * (q.y - p.y) - (r.y - p.y) * (q.x - p.x)) / d;
      if (t <= 0 || t >= 1 || u <= 0 || u >= 1) return undefined;
      return { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) };
    };
    let crossings = 0;
    for (let i = 0; i < edges.length; i += 1) {
      for (let j = i + 1; j < edges.length; j += 1) {
        const a = edges[i];
        const b = edges[j];
        if ((a.source === b.source && a.port === b.port) || a.target === b.target) continue;
        const found = [];
        for (let k = 1; k < a.points.length; k += 1) {
          for (let l = 1; l < b.points.length; l += 1) {
            const point = cross(a.points[k - 1], a.points[k], b.points[l - 1], b.points[l]);
            if (point && !found.some((seen) => Math.hypot(seen.x - point.x, seen.y - point.y) < 6))
              found.push(point);
          }
        }
        crossings += found.length;
      }
    }
    return { zoom, titlePx, overlaps, crossings };
})(${JSON.stringify(definitionEdges)})`);
}
