import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { estimatedSize, inferDirection, type LayoutDirection, type Point } from '../model/auto-layout';
import { DEFAULT_PORT, type WorkflowDefinition } from '../model/core';
import { connect, moveNodes, type Position } from '../model/graph-edits';
import { connectionProblem, type PortConnection } from '../model/ports';
import {
  createEdgeMapper,
  createNodeMapper,
  type Decorations,
  type FlowNode,
  type Measured,
} from './flow-mapping';
import { dropPoint } from './drop-point';
import { GroupActionContext, type GroupAction } from './group-box';
import { GroupFrames } from './group-frames';
import type { GroupFrame, Lane } from '../model/group-view';
import { fitReadable } from './measured-sizes';
import { RoutedEdge, type RoutedFlowEdge } from './routed-edge';
import { useEdgeRoutes } from './use-edge-routes';
import { WorkflowNodeView } from './workflow-node';
import '../workflow-editor.css';

/** The nodes and edges the user has selected: view state, not part of the definition. */
export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export const emptySelection: Selection = { nodes: new Set(), edges: new Set() };

/** The drag-and-drop type of a palette item; its data is the node type name. */
export const nodeTypeDragFormat = 'application/x-ledgerline-node-type';

export interface WorkflowCanvasProps {
  definition: WorkflowDefinition;
  selection: Selection;
  decorations: Decorations;
  /** Which way Auto-layout runs the layers; edges are routed and handles placed to match. */
  direction?: LayoutDirection;
  /** Versions and runs are shown, not edited: nothing moves or connects. */
  readOnly?: boolean;
  /** A changed definition; edits with the same `key` in quick succession are one undo step. */
  onEdit?: (next: WorkflowDefinition, key?: string) => void;
  onSelectionChange: (selection: Selection) => void;
  /** Why a connection the user drew was refused. */
  onProblem?: (message: string) => void;
  onDropType?: (type: string, position: Position) => void;
  /**
   * What is drawn, when it is not `definition` itself: the view with collapsed sub-processes as
   * boxes, one sub-process opened alone, or human steps in swimlanes. Edits still apply to `definition`.
   */
  shown?: WorkflowDefinition;
  /** Expanded sub-processes, framed around their nodes. */
  frames?: readonly GroupFrame[];
  lanes?: readonly Lane[];
  /** The view is laid out for showing (boxes, lanes): nodes are not dragged. */
  locked?: boolean;
  onGroupAction?: (action: GroupAction, groupId: string) => void;
  /** Whether human steps are drawn in lanes by assignee role, and the control that turns them on. */
  lanesOn?: boolean;
  onLanes?: (on: boolean) => void;
  /** The edges' routes when the shown view was laid out for showing; otherwise Auto-layout's are used. */
  routes?: ReadonlyMap<string, readonly Point[]>;
}

const noFrames: readonly GroupFrame[] = [];
const noLanes: readonly Lane[] = [];

/** A connection React Flow reports, as the graph edits take it: handles are port names. */
function portConnection(
  connection: Pick<Connection, 'source' | 'target'> & { sourceHandle?: string | null },
): PortConnection {
  return {
    source: connection.source,
    sourcePort: connection.sourceHandle ?? DEFAULT_PORT,
    target: connection.target,
  };
}

const nodeTypes = { workflow: WorkflowNodeView };
const edgeTypes = { routed: RoutedEdge };
const proOptions = { hideAttribution: true };

function minimapColor(node: FlowNode): string {
  const status = node.data.status;
  if (status === 'completed') return '#2f9e44';
  if (status === 'failed') return '#d92d20';
  if (status === 'running' || status === 'waiting') return '#f59f00';
  if (node.data.errors) return '#d92d20';
  return '#9aa5b1';
}

/**
 * Above this many nodes, only the ones in view are rendered, and the minimap starts hidden: it redraws
 * every node on each frame of a pan or drag, which the benchmark (test/bench/editor-frames.ts) shows
 * to double frame times at 1,000 nodes. The Controls have a button to show it.
 */
const largeGraph = 300;

/**
 * The React Flow canvas over a workflow definition. The definition is the state: every move,
 * connection and drop becomes a new definition through `onEdit`; selection and measured sizes are
 * view state. Callbacks read the latest props through refs so React Flow always gets the same
 * functions, and nodes are mapped with identity caching (see flow-mapping.ts).
 */
export function WorkflowCanvas(props: WorkflowCanvasProps) {
  const { selection, decorations, readOnly = false } = props;
  // The canvas draws `shown`; edits (moves, connections, drops) go to the definition itself.
  const definition = props.shown ?? props.definition;
  // A shown graph (a version, a run) keeps the direction it was drawn in.
  const [drawnDirection] = useState(() => inferDirection(definition));
  const direction = props.direction ?? drawnDirection;
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const flow = useReactFlow();
  const [mapNodes] = useState(createNodeMapper);
  const [mapEdges] = useState(createEdgeMapper);
  // Sizes React Flow measured: kept on the nodes we hand it, or it would measure them again.
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(() => new Map());
  const dragSession = useRef(0);
  // The view is fitted once the nodes of the graph as opened are measured; in a new, empty workflow
  // that would move the view under the user's first drop, so only a graph that has nodes is fitted.
  const fitted = useRef(definition.nodes.length === 0);
  const initialized = useNodesInitialized();
  const canvasWidth = useStore((state) => state.width);
  const canvasHeight = useStore((state) => state.height);
  useEffect(() => {
    if (fitted.current || !initialized || canvasWidth === 0) return;
    fitted.current = true;
    fitReadable(flow, { width: canvasWidth, height: canvasHeight });
  }, [flow, initialized, canvasWidth, canvasHeight]);
  const [minimap, setMinimap] = useState(() => definition.nodes.length <= largeGraph);
  // Handles move to other sides with the direction: React Flow measures them again.
  const updateNodeInternals = useUpdateNodeInternals();
  const drawnIn = useRef(direction);
  useEffect(() => {
    if (drawnIn.current === direction) return;
    drawnIn.current = direction;
    // Every drawn node, boxes of collapsed sub-processes included.
    updateNodeInternals((latest.current.shown ?? latest.current.definition).nodes.map((node) => node.id));
  }, [direction, updateNodeInternals]);
  const ownRoutes = useEdgeRoutes(
    definition,
    direction,
    measured,
    definition.nodes.length <= largeGraph && props.routes === undefined && !props.locked,
  );
  const routes = props.routes ?? ownRoutes;

  const nodes = useMemo(
    () => mapNodes(definition, selection.nodes, measured, decorations, direction),
    [mapNodes, definition, selection.nodes, measured, decorations, direction],
  );
  const edges = useMemo(
    () =>
      mapEdges(definition, selection.edges, decorations, {
        routes,
        direction,
        positions: new Map(nodes.map((node) => [node.id, node.position])),
      }),
    [mapEdges, definition, selection.edges, decorations, routes, direction, nodes],
  );

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const { definition: current, selection: selected, onEdit, onSelectionChange } = latest.current;
    const known = new Set(current.nodes.map((node) => node.id));
    const moves = new Map<string, Position>();
    let nodeSelection: Set<string> | undefined;
    const sizes: [string, Measured][] = [];
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        if (known.has(change.id)) moves.set(change.id, change.position);
      } else if (change.type === 'select') {
        nodeSelection ??= new Set(selected.nodes);
        if (change.selected) nodeSelection.add(change.id);
        else nodeSelection.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        sizes.push([change.id, { width: change.dimensions.width, height: change.dimensions.height }]);
      }
    }
    if (moves.size > 0 && onEdit) onEdit(moveNodes(current, moves), `move:${dragSession.current}`);
    if (nodeSelection) onSelectionChange({ nodes: nodeSelection, edges: selected.edges });
    if (sizes.length > 0) {
      setMeasured((current) => {
        const changed = sizes.filter(([id, size]) => {
          const known = current.get(id);
          return !known || known.width !== size.width || known.height !== size.height;
        });
        return changed.length === 0 ? current : new Map([...current, ...changed]);
      });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<RoutedFlowEdge>[]) => {
    const { selection: selected, onSelectionChange } = latest.current;
    let edgeSelection: Set<string> | undefined;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      edgeSelection ??= new Set(selected.edges);
      if (change.selected) edgeSelection.add(change.id);
      else edgeSelection.delete(change.id);
    }
    if (edgeSelection) onSelectionChange({ nodes: latest.current.selection.nodes, edges: edgeSelection });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const { definition: current, onEdit, onProblem } = latest.current;
    const result = connect(current, portConnection(connection));
    if ('problem' in result) onProblem?.(result.problem);
    else onEdit?.(result.definition);
  }, []);

  const isValidConnection = useCallback<IsValidConnection>(
    (connection) => connectionProblem(latest.current.definition, portConnection(connection)) === undefined,
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(nodeTypeDragFormat)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(nodeTypeDragFormat);
      if (!type) return;
      event.preventDefault();
      // The node's top-left goes where it was dropped, moved so that all of it is on the canvas and
      // none of it under the minimap or the zoom buttons.
      const box = event.currentTarget as HTMLElement;
      const zoom = flow.getZoom();
      const size = estimatedSize(2);
      const overlays = [...box.querySelectorAll('.react-flow__minimap, .react-flow__controls')].map(
        (element) => element.getBoundingClientRect(),
      );
      const point = dropPoint(
        { x: event.clientX, y: event.clientY },
        box.getBoundingClientRect(),
        { width: size.width * zoom, height: size.height * zoom },
        overlays,
      );
      latest.current.onDropType?.(type, flow.screenToFlowPosition(point));
    },
    [flow],
  );

  const onNodeDragStart = useCallback(() => {
    dragSession.current += 1;
  }, []);

  const groupAction = useCallback((action: GroupAction, groupId: string) => {
    latest.current.onGroupAction?.(action, groupId);
  }, []);

  return (
    <GroupActionContext.Provider value={groupAction}>
      <ReactFlow<FlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onDragOver={onDragOver}
        onDrop={onDrop}
        nodesDraggable={!readOnly && !props.locked}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        // The wheel scrolls a big graph, as a page scrolls; pinch or Ctrl+wheel zooms.
        panOnScroll
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements={definition.nodes.length > largeGraph}
        proOptions={proOptions}
        aria-label="Workflow canvas"
      >
        <Background gap={20} />
        <GroupFrames frames={props.frames ?? noFrames} lanes={props.lanes ?? noLanes} nodes={nodes} />
        {/* A view laid out for showing is small enough to need no minimap, which would cover part of it. */}
        {minimap && !props.locked && (
          <MiniMap<FlowNode> pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" />
        )}
        <Controls showInteractive={false}>
          <ControlButton
            onClick={() => setMinimap((shown) => !shown)}
            aria-label={minimap ? 'Hide minimap' : 'Show minimap'}
            title={minimap ? 'Hide minimap' : 'Show minimap'}
          >
            ▦
          </ControlButton>
          {props.onLanes && (
            <ControlButton
              onClick={() => props.onLanes?.(!props.lanesOn)}
              aria-label="Lanes by role"
              aria-pressed={props.lanesOn ?? false}
              title={
                props.lanesOn ? 'Hide the lanes by assignee role' : 'Human steps in lanes by assignee role'
              }
            >
              ☰
            </ControlButton>
          )}
        </Controls>
      </ReactFlow>
    </GroupActionContext.Provider>
  );
}
