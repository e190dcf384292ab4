import { isNodeKind } from '@callflow/schemas';
import { notifications } from '@mantine/notifications';
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  getNodesBounds,
  getViewportForBounds,
  useReactFlow,
  useStore,
  type IsValidConnection,
  type OnConnect,
  type OnConnectEnd,
  type OnNodesChange,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { definitionOf } from '../catalog/node-catalog';
import { useValidation } from '../diagnostics/validation';
import { checkConnection } from '../store/connection-rules';
import { useEditor, useEditorStore } from '../store/editor-context';
import { applyCanvasNodeChanges, createEdgeProjection, createNodeProjection, syncCanvasNodes, toConnectionRequest, type CanvasNode } from './flow-adapter';
import { CanvasOverviewContext, FlowNode } from './flow-node';
import { createSummaryLineCounter } from './node-geometry';
import { CanvasMiniMap } from './canvas-minimap';
import { categoryColors } from './node-appearance';
import { createProblemMarks, ProblemMarksContext } from './problem-marks';

/** The drag-and-drop type of palette entries; the payload is the node kind. */
export const NODE_KIND_MIME = 'application/x-callflow-node-kind';

const nodeTypes = { callflow: FlowNode };
const defaultEdgeOptions = { type: 'smoothstep' as const };

const fitViewOptions = { maxZoom: 1.1, padding: 0.15 };
const MIN_ZOOM = 0.1;
const proOptions = { hideAttribution: true };
/**
 * Below this zoom a node's text is a few pixels high: the canvas draws each node as its box, accent and label only.
 * A node whose size was worked out (node-geometry.ts) is then drawn as a light overview card of that size with its
 * handles in place; any other keeps its full card laid out, with the rest not painted (see `.react-flow.is-overview`
 * in canvas.css). Either way sizes and edge ends do not move. Zoomed out, Chromium re-layerizes the whole canvas at
 * each pan step: for a 500-node flow that takes ~10 ms instead of ~65 ms once ports and handles are no longer painted.
 */
export const OVERVIEW_BELOW_ZOOM = 0.4;
const isOverview = (state: { transform: [number, number, number] }) => state.transform[2] < OVERVIEW_BELOW_ZOOM;

/**
 * The view that fits every node into a canvas of this size, as React Flow's fitView would work it out, or null unless
 * every node carries its worked-out size (see node-geometry.ts). Opening on it, the nodes are drawn once, at the zoom
 * they are shown at (the overview's light cards for a large flow), instead of once at zoom 1 and again once fitted.
 */
export function openingViewport(nodes: CanvasNode[], width: number, height: number): Viewport | null {
  if (nodes.length === 0 || width === 0 || height === 0) return null;
  if (nodes.some(({ measured }) => measured?.width === undefined || measured.height === undefined)) return null;
  return getViewportForBounds(getNodesBounds(nodes), width, height, MIN_ZOOM, fitViewOptions.maxZoom, fitViewOptions.padding);
}

const miniMapNodeColor = (node: CanvasNode) => `var(--mantine-color-${categoryColors[definitionOf(node.data.kind).ui.category]}-4)`;

/**
 * React Flow's nodes, owned by this component: React Flow's own changes (sizes, positions while dragging, selection)
 * are applied to them as they come, and the document and the selection are synced into them when they change.
 */
function useCanvasNodes() {
  const store = useEditorStore();
  const document = useEditor((state) => state.document);
  const selectedNodeIds = useEditor((state) => state.selection.nodeIds);
  const project = useMemo(() => createNodeProjection(createSummaryLineCounter(getComputedStyle(window.document.body).fontFamily)), []);
  const [nodes, setNodes] = useState(() => syncCanvasNodes([], document, new Set(selectedNodeIds), project));
  const [synced, setSynced] = useState({ document, selectedNodeIds });
  if (synced.document !== document || synced.selectedNodeIds !== selectedNodeIds) {
    setSynced({ document, selectedNodeIds });
    setNodes((current) => syncCanvasNodes(current, document, new Set(selectedNodeIds), project));
  }
  const onNodesChange = useCallback<OnNodesChange<CanvasNode>>(
    (changes) => {
      setNodes((current) => applyCanvasNodeChanges(changes, current));
      store.getState().onNodesChange(changes);
    },
    [store],
  );
  return { nodes, onNodesChange };
}

function useCanvasEdges() {
  const edges = useEditor((state) => state.document.edges);
  const selectedEdgeIds = useEditor((state) => state.selection.edgeIds);
  const simulation = useEditor((state) => state.simulation);
  const project = useMemo(createEdgeProjection, []);
  return useMemo(
    () => project(edges, { selectedEdgeIds: new Set(selectedEdgeIds), litEdgeIds: new Set(simulation?.traversedEdgeIds ?? []) }),
    [project, edges, selectedEdgeIds, simulation],
  );
}

export function FlowCanvas() {
  const store = useEditorStore();
  const { screenToFlowPosition } = useReactFlow();
  const { nodes, onNodesChange } = useCanvasNodes();
  const edges = useCanvasEdges();
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  const overview = useStore(isOverview);
  const { severityByNode } = useValidation();
  // The canvas is laid out empty first, to learn its size and open on the fitted view (or let React Flow fit it).
  const frame = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{ viewport: Viewport | null } | null>(null);
  useLayoutEffect(() => {
    const { clientWidth, clientHeight } = frame.current!;
    setOpening({ viewport: openingViewport(nodes, clientWidth, clientHeight) });
    // Once: later nodes do not move the view.
  }, []);
  const [problemMarks] = useState(() => createProblemMarks(severityByNode));
  useLayoutEffect(() => problemMarks.show(severityByNode), [problemMarks, severityByNode]);

  const isValidConnection = useCallback<IsValidConnection>(
    (connection) => checkConnection(store.getState().document, toConnectionRequest(connection)).ok,
    [store],
  );
  const onConnect = useCallback<OnConnect>((connection) => store.getState().connect(toConnectionRequest(connection)), [store]);
  const onConnectEnd = useCallback<OnConnectEnd>(
    (_event, connection) => {
      if (connection.isValid !== false || !connection.toNode || !connection.fromNode) return;
      const request = { source: connection.fromNode.id, sourcePort: connection.fromHandle?.id ?? null, target: connection.toNode.id };
      const check = checkConnection(store.getState().document, request);
      if (!check.ok) notifications.show({ color: 'red', title: 'Not connected', message: check.reason });
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_KIND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(NODE_KIND_MIME);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      store.getState().addNode(kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [store, screenToFlowPosition],
  );

  return (
    <ProblemMarksContext.Provider value={problemMarks}>
      <CanvasOverviewContext.Provider value={overview}>
        <div ref={frame} className="flow-canvas-frame">
          {opening !== null && (
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              defaultEdgeOptions={defaultEdgeOptions}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={isValidConnection}
              onDragOver={onDragOver}
              onDrop={onDrop}
              deleteKeyCode={null}
              fitView={opening.viewport === null}
              fitViewOptions={fitViewOptions}
              defaultViewport={opening.viewport ?? undefined}
              minZoom={MIN_ZOOM}
              proOptions={proOptions}
              className={overview ? 'is-overview' : undefined}
            >
              <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--mantine-color-gray-4)" />
              <CanvasMiniMap<CanvasNode> nodeColor={miniMapNodeColor} ariaLabel="Overview of the flow" />
              <Controls showInteractive={false} position="bottom-left" />
            </ReactFlow>
          )}
        </div>
      </CanvasOverviewContext.Provider>
    </ProblemMarksContext.Provider>
  );
}
