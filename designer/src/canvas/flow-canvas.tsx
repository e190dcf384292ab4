import { isNodeKind } from '@callflow/schemas';
import { notifications } from '@mantine/notifications';
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  type IsValidConnection,
  type OnConnect,
  type OnConnectEnd,
  type OnNodesChange,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useState, type DragEvent } from 'react';
import { definitionOf } from '../catalog/node-catalog';
import { useValidation } from '../diagnostics/validation';
import { checkConnection } from '../store/connection-rules';
import { useEditor, useEditorStore } from '../store/editor-context';
import { applyCanvasNodeChanges, createEdgeProjection, createNodeProjection, syncCanvasNodes, toConnectionRequest, type CanvasNode } from './flow-adapter';
import { FlowNode } from './flow-node';
import { createSummaryLineCounter } from './node-geometry';
import { CanvasMiniMap } from './canvas-minimap';
import { categoryColors } from './node-appearance';
import { createProblemMarks, ProblemMarksContext } from './problem-marks';

/** The drag-and-drop type of palette entries; the payload is the node kind. */
export const NODE_KIND_MIME = 'application/x-callflow-node-kind';

const nodeTypes = { callflow: FlowNode };
const defaultEdgeOptions = { type: 'smoothstep' as const };

const fitViewOptions = { maxZoom: 1.1, padding: 0.15 };
const proOptions = { hideAttribution: true };
/**
 * Below this zoom a node's text is a few pixels high: the canvas draws each node as its box and label only (see
 * `.react-flow.is-overview` in canvas.css). Its ports, icon and summary stay laid out but are not painted, so sizes and
 * edge ends do not move. Zoomed out, Chromium re-layerizes the whole canvas at each pan step: for a 500-node flow
 * that takes ~10 ms instead of ~65 ms once ports and handles are no longer painted.
 */
export const OVERVIEW_BELOW_ZOOM = 0.4;
const isOverview = (state: { transform: [number, number, number] }) => state.transform[2] < OVERVIEW_BELOW_ZOOM;

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
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        proOptions={proOptions}
        className={overview ? 'is-overview' : undefined}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--mantine-color-gray-4)" />
        <CanvasMiniMap<CanvasNode> nodeColor={miniMapNodeColor} ariaLabel="Overview of the flow" />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </ProblemMarksContext.Provider>
  );
}
