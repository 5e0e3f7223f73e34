import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { measuredSizes } from '../canvas/measured-sizes';
import { readableViewport } from '../canvas/readable-viewport';
import { layoutGraph, type LayoutDirection } from '../model/auto-layout';
import type { WorkflowDefinition } from '../model/core';
import { moveNodes } from '../model/graph-edits';
import { projectGroups, swimlanes } from '../model/group-view';

const noGroups: ReadonlySet<string> = new Set();

interface Laid {
  structure: string;
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
    const best = async (): Promise<Laid> => {
      const size = canvasSize();
      const sizes = measuredSizes(flow, shown);
      const candidates = await Promise.all(
        ([direction, direction === 'RIGHT' ? 'DOWN' : 'RIGHT'] as const).map(async (towards) => {
          const { positions } = await layoutGraph(shown, sizes, towards);
          const placed = moveNodes(shown, positions);
          const xs = [...positions.values()];
          const width = Math.max(...xs.map((p) => p.x)) - Math.min(...xs.map((p) => p.x)) + 240;
          const height = Math.max(...xs.map((p) => p.y)) - Math.min(...xs.map((p) => p.y)) + 120;
          const { zoom } = readableViewport({ x: 0, y: 0, width, height }, size, { maxZoom: 10 });
          return { zoom, laid: { structure, direction: towards, shown: placed } };
        }),
      );
      return candidates.reduce((a, b) => (b.zoom > a.zoom + 0.01 ? b : a)).laid;
    };
    void (async () => {
      const first = await best();
      if (cancelled) return;
      setLaid(first);
      // Laid out again once the boxes and nodes are drawn, with their measured sizes.
      await nextFrames(3);
      if (cancelled) return;
      const second = await best();
      if (!cancelled) setLaid(second);
    })();
    return () => {
      cancelled = true;
    };
    // The layout follows the view's structure, not each new definition object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure, projection.laidOut, direction]);

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
    direction: current?.direction ?? direction,
    /** Changes whenever what is drawn moves, so the page can fit the view again. */
    viewKey: `${structure}\u0000${current ? current.direction : ''}\u0000${lanes}\u0000${current ? 'laid' : ''}`,
    hasGroups: groups.length > 0,
    focused,
    lanesOn: lanes,
    setLanes,
    collapse: (id: string) => setCollapsed((set) => new Set([...(set ?? []), id])),
    expand: (id: string) => setCollapsed((set) => new Set([...(set ?? [])].filter((other) => other !== id))),
    collapseAll: () => setCollapsed(new Set(groups.map((group) => group.id))),
    expandAll: () => setCollapsed(new Set()),
    open: (id: string) => setFocus(id),
    back: () => setFocus(undefined),
  };
}

export type GroupViewState = ReturnType<typeof useGroupView>;
