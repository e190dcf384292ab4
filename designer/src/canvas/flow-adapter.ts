import type { FlowEdge, NodeKind, PortSpec } from '@callflow/schemas';
import type { Connection, Edge, Node, NodeChange } from '@xyflow/react';
import { definitionOf, portsOf, summaryOf } from '../catalog/node-catalog';
import type { DraftDocument, DraftNode } from '../document/draft-document';
import type { ConnectionRequest } from '../store/connection-rules';
import type { XY } from '../store/document-ops';

/** What a canvas node carries: serialisable config and what its definition derives from it; no callbacks. */
export type CanvasNodeData = {
  kind: NodeKind;
  version: number;
  label: string;
  config: DraftNode['config'];
  ports: PortSpec[];
  acceptsInput: boolean;
  summary: string;
};
export type CanvasNode = Node<CanvasNodeData, 'callflow'>;
export type CanvasEdge = Edge<Record<string, never>>;

export function toCanvasNode(node: DraftNode): CanvasNode {
  return {
    id: node.id,
    type: 'callflow',
    position: { ...node.position },
    data: {
      kind: node.kind,
      version: node.version,
      label: node.label,
      config: node.config,
      ports: portsOf(node),
      acceptsInput: definitionOf(node.kind).acceptsInput,
      summary: summaryOf(node),
    },
  };
}

export function toCanvasEdge(edge: FlowEdge): CanvasEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourcePort, target: edge.target };
}

/** The one place where our flow document becomes React Flow's nodes and edges. */
export function toCanvas(document: DraftDocument): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return { nodes: document.nodes.map(toCanvasNode), edges: document.edges.map(toCanvasEdge) };
}

/** And back: a connection drawn on the canvas, as an edge request (every port of ours is a named handle). */
export function toConnectionRequest(connection: Pick<Connection | Edge, 'source' | 'sourceHandle' | 'target'>): ConnectionRequest {
  return { source: connection.source, sourcePort: connection.sourceHandle ?? null, target: connection.target };
}

/** Positions of moved nodes, split into those still being dragged and those where a drag ended. */
export function positionChanges(changes: readonly NodeChange<CanvasNode>[]): { dragging: Record<string, XY>; dropped: Record<string, XY> } {
  const dragging: Record<string, XY> = {};
  const dropped: Record<string, XY> = {};
  for (const change of changes) {
    if (change.type !== 'position' || !change.position) continue;
    (change.dragging ? dragging : dropped)[change.id] = { x: change.position.x, y: change.position.y };
  }
  return { dragging, dropped };
}

export interface CanvasView {
  selectedNodeIds: ReadonlySet<string>;
  selectedEdgeIds: ReadonlySet<string>;
  measured: Readonly<Record<string, { width: number; height: number }>>;
  dragging: Readonly<Record<string, XY>>;
  litEdgeIds: ReadonlySet<string>;
}

/**
 * Document plus view state as React Flow nodes and edges. Objects are reused while their inputs are unchanged, so
 * React Flow re-renders only what changed (dragging one node in a 500-node flow touches one node).
 */
export function createCanvasProjection() {
  const nodes = memoById<CanvasNode>();
  const edges = memoById<CanvasEdge>();
  return {
    nodes(document: DraftDocument, view: CanvasView): CanvasNode[] {
      return document.nodes.map((node) => {
        const selected = view.selectedNodeIds.has(node.id);
        const measured = view.measured[node.id];
        const position = view.dragging[node.id];
        return nodes(node.id, [node, selected, measured, position], () => {
          const canvasNode = toCanvasNode(node);
          return { ...canvasNode, selected, ...(measured ? { measured } : {}), position: position ?? canvasNode.position };
        });
      });
    },
    edges(document: DraftDocument, view: CanvasView): CanvasEdge[] {
      return document.edges.map((edge) => {
        const selected = view.selectedEdgeIds.has(edge.id);
        const lit = view.litEdgeIds.has(edge.id);
        return edges(edge.id, [edge, selected, lit], () => ({
          ...toCanvasEdge(edge),
          selected,
          ...(lit ? { className: 'simulated', animated: true } : {}),
        }));
      });
    },
  };
}

function memoById<T>() {
  const cache = new Map<string, { inputs: unknown[]; value: T }>();
  return (id: string, inputs: unknown[], make: () => T): T => {
    const cached = cache.get(id);
    if (cached && cached.inputs.every((input, index) => input === inputs[index])) return cached.value;
    const value = make();
    cache.set(id, { inputs, value });
    return value;
  };
}
