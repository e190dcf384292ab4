import type { FlowEdge, NodeKind, PortSpec } from '@callflow/schemas';
import { applyNodeChanges, type Connection, type Edge, type Node, type NodeChange } from '@xyflow/react';
import { definitionOf, portsOf, summaryOf } from '../catalog/node-catalog';
import type { DraftDocument, DraftNode } from '../document/draft-document';
import type { ConnectionRequest } from '../store/connection-rules';
import type { XY } from '../store/document-ops';
import { nodeGeometry, type NodeGeometry } from './node-geometry';

/** What a canvas node carries: serialisable config and what its definition derives from it; no callbacks. */
export type CanvasNodeData = {
  kind: NodeKind;
  version: number;
  label: string;
  config: DraftNode['config'];
  ports: PortSpec[];
  acceptsInput: boolean;
  summary: string;
  /** The card's worked-out size and handles (see node-geometry.ts), where the editor could work them out. */
  geometry?: NodeGeometry;
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

/** Positions where a drag ended (React Flow reports the positions of a drag in progress with `dragging: true`). */
export function droppedPositions(changes: readonly NodeChange<CanvasNode>[]): Record<string, XY> {
  const dropped: Record<string, XY> = {};
  for (const change of changes) {
    if (change.type === 'position' && change.position && !change.dragging) dropped[change.id] = { x: change.position.x, y: change.position.y };
  }
  return dropped;
}

/**
 * Document nodes as canvas nodes, made once per document node object: an unchanged node keeps its canvas object.
 * With `summaryLines` (see node-geometry.ts), each carries its size and handles, so React Flow draws it at once.
 */
export function createNodeProjection(summaryLines: ((summary: string) => 0 | 1 | 2) | null = null): (node: DraftNode) => CanvasNode {
  const projected = new WeakMap<DraftNode, CanvasNode>();
  return (node) => {
    let canvasNode = projected.get(node);
    if (canvasNode === undefined) {
      canvasNode = toCanvasNode(node);
      if (summaryLines !== null) {
        const geometry = nodeGeometry(canvasNode.data, summaryLines(canvasNode.data.summary));
        canvasNode = { ...canvasNode, data: { ...canvasNode.data, geometry }, measured: { width: geometry.width, height: geometry.height }, handles: geometry.handles };
      }
      projected.set(node, canvasNode);
    }
    return canvasNode;
  };
}

/**
 * React Flow's changes applied to its nodes. A node whose measured size differs from the one worked out for it also
 * loses the handles worked out with it: React Flow measured them along with the size, and keeps those.
 */
export function applyCanvasNodeChanges(changes: NodeChange<CanvasNode>[], current: CanvasNode[]): CanvasNode[] {
  const next = applyNodeChanges(changes, current);
  const remeasured = new Set(changes.flatMap((change) => (change.type === 'dimensions' ? [change.id] : [])));
  if (remeasured.size === 0) return next;
  return next.map((node) => {
    if (!remeasured.has(node.id) || node.handles === undefined) return node;
    const { handles: _predicted, ...measured } = node;
    return measured;
  });
}

/**
 * React Flow's nodes after the document or the selection changed. React Flow owns what it measures and where a node
 * is while it is dragged (its changes are applied to `current` with applyNodeChanges, which keeps `data`), so a node
 * whose document node did not change keeps its object; one whose document node changed is projected again, with its
 * new worked-out size or, without one, the size measured before, so React Flow does not hide it to measure it again.
 * Returns `current` when nothing changed.
 */
export function syncCanvasNodes(
  current: CanvasNode[],
  document: DraftDocument,
  selectedIds: ReadonlySet<string>,
  project: (node: DraftNode) => CanvasNode,
): CanvasNode[] {
  const currentById = new Map(current.map((node) => [node.id, node]));
  let changed = current.length !== document.nodes.length;
  const next = document.nodes.map((node, index) => {
    const projected = project(node);
    const existing = currentById.get(node.id);
    const selected = selectedIds.has(node.id);
    let synced: CanvasNode;
    if (existing?.data === projected.data) synced = Boolean(existing.selected) === selected ? existing : { ...existing, selected };
    else synced = { ...projected, selected, ...(projected.measured === undefined && existing?.measured ? { measured: existing.measured } : {}) };
    changed ||= synced !== current[index];
    return synced;
  });
  return changed ? next : current;
}

/** Sizes React Flow measured, by node id (for the automatic layout). */
export function measuredSizes(nodes: readonly CanvasNode[]): Record<string, { width: number; height: number }> {
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const { id, measured } of nodes) {
    if (measured?.width !== undefined && measured.height !== undefined) sizes[id] = { width: measured.width, height: measured.height };
  }
  return sizes;
}

export interface EdgeView {
  selectedEdgeIds: ReadonlySet<string>;
  litEdgeIds: ReadonlySet<string>;
}

/** Document edges with the view's selection and simulated path; an edge keeps its object while neither changed. */
export function createEdgeProjection() {
  const cache = new Map<string, { edge: FlowEdge; selected: boolean; lit: boolean; value: CanvasEdge }>();
  return (edges: readonly FlowEdge[], view: EdgeView): CanvasEdge[] =>
    edges.map((edge) => {
      const selected = view.selectedEdgeIds.has(edge.id);
      const lit = view.litEdgeIds.has(edge.id);
      const cached = cache.get(edge.id);
      if (cached?.edge === edge && cached.selected === selected && cached.lit === lit) return cached.value;
      const value: CanvasEdge = { ...toCanvasEdge(edge), selected, ...(lit ? { className: 'simulated', animated: true } : {}) };
      cache.set(edge.id, { edge, selected, lit, value });
      return value;
    });
}
