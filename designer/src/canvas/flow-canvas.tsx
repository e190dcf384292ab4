import { isNodeKind } from '@callflow/schemas';
import { notifications } from '@mantine/notifications';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type IsValidConnection,
  type OnConnect,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useMemo, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { definitionOf } from '../catalog/node-catalog';
import { checkConnection } from '../store/connection-rules';
import { useEditor, useEditorStore } from '../store/editor-context';
import type { EditorState } from '../store/editor-state';
import { createCanvasProjection, toConnectionRequest, type CanvasNode, type CanvasView } from './flow-adapter';
import { FlowNode } from './flow-node';
import { categoryColors } from './node-appearance';

/** The drag-and-drop type of palette entries; the payload is the node kind. */
export const NODE_KIND_MIME = 'application/x-callflow-node-kind';

const nodeTypes = { callflow: FlowNode };
const defaultEdgeOptions = { type: 'smoothstep' as const };

function viewOf(state: EditorState): CanvasView {
  return {
    selectedNodeIds: new Set(state.selection.nodeIds),
    selectedEdgeIds: new Set(state.selection.edgeIds),
    measured: state.measured,
    dragging: state.dragging,
    litEdgeIds: new Set(state.simulation?.traversedEdgeIds ?? []),
  };
}

export function FlowCanvas() {
  const store = useEditorStore();
  const { screenToFlowPosition } = useReactFlow();
  const projection = useMemo(createCanvasProjection, []);
  const nodes = useEditor(useShallow((state) => projection.nodes(state.document, viewOf(state))));
  const edges = useEditor(useShallow((state) => projection.edges(state.document, viewOf(state))));
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);

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
      fitViewOptions={{ maxZoom: 1.1, padding: 0.15 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--mantine-color-gray-4)" />
      <MiniMap<CanvasNode>
        pannable
        zoomable
        nodeColor={(node) => `var(--mantine-color-${categoryColors[definitionOf(node.data.kind).ui.category]}-4)`}
        nodeStrokeWidth={0}
        ariaLabel="Overview of the flow"
      />
      <Controls showInteractive={false} position="bottom-left" />
    </ReactFlow>
  );
}
