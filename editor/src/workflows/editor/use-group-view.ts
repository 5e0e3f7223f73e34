import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { measuredSizes } from '../canvas/measured-sizes';
import { layoutGraph, type LayoutDirection, type Point, type Size } from '../model/auto-layout';
import type { WorkflowDefinition } from '../model/core';
import { moveNodes } from '../model/graph-edits';
import { projectGroups, swimlanes } from '../model/group-view';

const noGroups: ReadonlySet<string> = new Set();

/** Room between the layers of a view with boxes: less than Auto-layout's, so stages read at one screen. */
const boxLayerSpacing = 44;

interface Laid {
  structure: string;
  /** 1 when laid out from estimated sizes, 2 once again with the measured ones. */
  pass: number;
  routes: ReadonlyMap<string, readonly Point[]>;
  direction: LayoutDirection;
  shown: WorkflowDefinition;
}

function nextFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) =>
      left === 0 ? resolve() : window.requestAnimationFrame(() => step(left - 1));
    step(count);
  });
}

/**
 * The editor's view of sub-processes: which groups are collapsed (as the workflow opens: those
 * stored `collapsed`), which one is opened as its own canvas, and whether human steps are drawn in
 * swimlanes. All of it is view state: expanding a stage to look does not change the draft.
 *
 * A view with boxes has no stored positions, so it is laid out with ELK, in whichever direction
 * shows it at the larger zoom in the canvas; once the boxes are measured it is laid out again with
 * their real sizes, so edges follow their routes.
 */
export function useGroupView(
  definition: WorkflowDefinition,
  loaded: boolean,
  direction: LayoutDirection,
  canvasSize: () => { width: number; height: number },
) {
  const flow = useReactFlow();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>();
  const [focus, setFocus] = useState<string>();
  const [lanes, setLanes] = useState(false);
  // The group expanded last: the view is fitted to its nodes, which is what the designer wants to see.
  const [expanded, setExpanded] = useState<string>();
  if (loaded && collapsed === undefined)
    setCollapsed(
      new Set((definition.groups ?? []).filter((group) => group.collapsed).map((group) => group.id)),
    );
  const projection = useMemo(
    () => projectGroups(definition, collapsed ?? noGroups, focus),
    [definition, collapsed, focus],
  );
  const structure = useMemo(
    () =>
      JSON.stringify([
        projection.definition.nodes.map((node) => node.id),
        projection.definition.edges.map((edge) => [edge.source, edge.sourcePort, edge.target]),
      ]),
    [projection],
  );
  const [laid, setLaid] = useState<Laid>();
  useEffect(() => {
    if (!projection.laidOut) return undefined;
    let cancelled = false;
    const shown = projection.definition;
    const lay = async (towards: LayoutDirection, pass: number): Promise<Laid> => {
      // Sizes alone, not the measured handles: those sit on the sides of the direction the view is
      // drawn in now, which is not always the one being laid out. A box's handles are centred anyway.
      const sizes = new Map<string, Size>(
        [...measuredSizes(flow, shown)].map(([id, { width, height }]) => [id, { width, height }]),
      );
      const { positions, routes } = await layoutGraph(shown, sizes, towards, boxLayerSpacing);
      return { structure, direction: towards, shown: moveNodes(shown, positions), routes, pass };
    };
    void (async () => {
      // The direction that shows the view at the larger zoom in the canvas.
      const size = canvasSize();
      const candidates = await Promise.all(
        // Lanes run across the canvas: with them, the process runs left to right.
        (lanes ? (['RIGHT'] as const) : ([direction, direction === 'RIGHT' ? 'DOWN' : 'RIGHT'] as const)).map(
          async (towards) => {
            const laidOut = await lay(towards, 1);
            const places = laidOut.shown.nodes.map((node) => node.position ?? { x: 0, y: 0 });
            const width = Math.max(...places.map((p) => p.x)) - Math.min(...places.map((p) => p.x)) + 240;
            const height = Math.max(...places.map((p) => p.y)) - Math.min(...places.map((p) => p.y)) + 120;
            // The zoom that shows it whole, unclamped: the readable floor would make most views tie.
            return { zoom: Math.min((size.width - 80) / width, (size.height - 80) / height), laidOut };
          },
        ),
      );
      const first = candidates.reduce((a, b) => (b.zoom > a.zoom + 0.01 ? b : a)).laidOut;
      if (cancelled) return;
      setLaid(first);
      // Laid out again once drawn, with the boxes' and nodes' measured sizes.
      await nextFrames(3);
      if (cancelled) return;
      const second = await lay(first.direction, 2);
      if (!cancelled) setLaid(second);
    })();
    return () => {
      cancelled = true;
    };
    // The layout follows the view's structure, not each new definition object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure, projection.laidOut, direction, lanes]);

  const current = projection.laidOut && laid?.structure === structure ? laid : undefined;
  // Until its layout arrives, a view with boxes shows them where the real nodes were.
  let shown = current?.shown ?? projection.definition;
  if (projection.laidOut && current) {
    // The laid-out view carries the draft's current nodes (a changed label or param) at laid-out places.
    const places = new Map(current.shown.nodes.map((node) => [node.id, node.position]));
    shown = {
      ...projection.definition,
      nodes: projection.definition.nodes.map((node) => ({
        ...node,
        position: places.get(node.id) ?? node.position,
      })),
    };
  }
  const laned = lanes ? swimlanes(shown) : undefined;
  const groups = definition.groups ?? [];
  const focused = groups.find((group) => group.id === focus);
  return {
    shown: laned?.definition ?? shown,
    boxes: projection.boxes,
    frames: lanes ? [] : projection.frames,
    lanes: laned?.lanes ?? [],
    locked: projection.laidOut || lanes,
    /** The edges' routes in a laid-out view; otherwise the canvas routes them itself. */
    routes: current && !lanes ? current.routes : undefined,
    direction: current?.direction ?? direction,
    /** Changes whenever the view is another (stages, lanes, a new layout), so the page fits it again. */
    // Not the structure: an edit in a view drawn as stored (a node dropped) must not move the view.
    viewKey: [
      [...(collapsed ?? [])].sort().join(','),
      focus ?? '',
      lanes,
      current ? `${current.direction}${current.pass}` : '',
    ].join('\u0000'),
    hasGroups: groups.length > 0,
    focused,
    lanesOn: lanes,
    setLanes,
    collapse: (id: string) => {
      setExpanded(undefined);
      setCollapsed((set) => new Set([...(set ?? []), id]));
    },
    expand: (id: string) => {
      setExpanded(id);
      setCollapsed((set) => new Set([...(set ?? [])].filter((other) => other !== id)));
    },
    collapseAll: () => {
      setExpanded(undefined);
      setCollapsed(new Set(groups.map((group) => group.id)));
    },
    expandAll: () => {
      setExpanded(undefined);
      setCollapsed(new Set());
    },
    open: (id: string) => setFocus(id),
    back: () => setFocus(undefined),
    /** The nodes a new view is fitted to: the stage just expanded, or all of them. */
    fitTo: focus === undefined ? groups.find((group) => group.id === expanded)?.nodes : undefined,
  };
}

export type GroupViewState = ReturnType<typeof useGroupView>;
