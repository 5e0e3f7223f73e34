import { useEffect, useMemo, useRef, useState } from 'react';
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { layoutGraph, type LayoutDirection, type Point } from '../model/auto-layout';
import type { WorkflowDefinition } from '../model/core';
import { portsOf } from '../model/ports';
import { measuredSizes } from './measured-sizes';

const noRoutes: ReadonlyMap<string, readonly Point[]> = new Map();

/**
 * The orthogonal route of each edge in the layout of the graph's current structure: the layout
 * Auto-layout applies, run again (off the render, debounced) when nodes, ports, edges, sizes or the
 * direction change. Edges whose two nodes sit where that layout puts them follow their route; the
 * others are drawn without one (see `RoutedEdge`). Moving a node changes no route, so a drag never
 * runs the layout.
 */
export function useEdgeRoutes(
  definition: WorkflowDefinition,
  direction: LayoutDirection,
  measured: unknown,
  enabled: boolean,
): ReadonlyMap<string, readonly Point[]> {
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const [routes, setRoutes] = useState(noRoutes);
  const latest = useRef(definition);
  useEffect(() => {
    latest.current = definition;
  });
  const structure = useMemo(
    () =>
      JSON.stringify([
        definition.nodes.map((node) => [node.id, portsOf(node).outputs]),
        definition.edges.map((edge) => [edge.id, edge.source, edge.sourcePort, edge.target]),
      ]),
    [definition.nodes, definition.edges],
  );
  useEffect(() => {
    if (!enabled || !initialized) return undefined;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      const current = latest.current;
      void layoutGraph(current, measuredSizes(flow, current), direction).then((layout) => {
        if (!cancelled) setRoutes(layout.routes);
      });
    }, 100);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [flow, structure, direction, measured, initialized, enabled]);
  return enabled ? routes : noRoutes;
}
