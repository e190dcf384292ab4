import { FLOW_FORMAT, type FlowEdge, type NodeKind } from '@callflow/schemas';
import { blankConfig, definitionOf, isStartKind, portsOf } from '../catalog/node-catalog';
import type { DraftDocument, DraftNode, NodeConfigDraft } from '../document/draft-document';
import { checkConnection, type ConnectionCheck, type ConnectionRequest } from './connection-rules';

export interface XY {
  x: number;
  y: number;
}

/** Copied nodes with the edges between them. */
export interface Fragment {
  nodes: DraftNode[];
  edges: FlowEdge[];
}

/** `prefix-1`, `prefix-2`…: the first not taken. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

const nodeIds = (document: DraftDocument) => new Set(document.nodes.map((node) => node.id));
const edgeIds = (document: DraftDocument) => new Set(document.edges.map((edge) => edge.id));

export function createNode(kind: NodeKind, id: string, position: XY): DraftNode {
  return { id, kind, version: definitionOf(kind).version, label: '', position: { ...position }, config: blankConfig(kind) };
}

/** A new flow: just its entry. */
export function newDocument(name: string): DraftDocument {
  return {
    format: FLOW_FORMAT,
    metadata: { name, description: '', timeZone: 'UTC', tags: [] },
    variables: [],
    nodes: [createNode('entry', 'entry', { x: 0, y: 0 })],
    edges: [],
  };
}

export function addNode(document: DraftDocument, kind: NodeKind, position: XY): { document: DraftDocument; nodeId: string } {
  const nodeId = uniqueId(kind, nodeIds(document));
  return { document: { ...document, nodes: [...document.nodes, createNode(kind, nodeId, position)] }, nodeId };
}

export function moveNodes(document: DraftDocument, positions: Readonly<Record<string, XY>>): DraftDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      const position = positions[node.id];
      return position && (position.x !== node.position.x || position.y !== node.position.y) ? { ...node, position: { ...position } } : node;
    }),
  };
}

export function updateNodeLabel(document: DraftDocument, nodeId: string, label: string): DraftDocument {
  return { ...document, nodes: document.nodes.map((node) => (node.id === nodeId ? { ...node, label } : node)) };
}

/**
 * Replaces a node's config. Edges follow its ports: when one port is renamed (a menu option's key changed), its
 * edge moves along; edges of ports that are gone are removed.
 */
export function updateNodeConfig(document: DraftDocument, nodeId: string, config: NodeConfigDraft): DraftDocument {
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return document;
  const updated = { ...node, config };
  const before = portsOf(node).map((port) => port.name);
  const after = portsOf(updated).map((port) => port.name);
  const removed = before.filter((name) => !after.includes(name));
  const added = after.filter((name) => !before.includes(name));
  const renamedTo = removed.length === 1 && added.length === 1 ? added[0] : undefined;
  const edges = document.edges.flatMap((edge) => {
    if (edge.source !== nodeId || !removed.includes(edge.sourcePort)) return [edge];
    return renamedTo === undefined ? [] : [{ ...edge, sourcePort: renamedTo }];
  });
  return { ...document, nodes: document.nodes.map((candidate) => (candidate === node ? updated : candidate)), edges };
}

export function connect(
  document: DraftDocument,
  request: ConnectionRequest,
): { check: Extract<ConnectionCheck, { ok: false }> } | { check: { ok: true }; document: DraftDocument; edgeId: string } {
  const check = checkConnection(document, request);
  if (!check.ok) return { check };
  const edgeId = uniqueId('edge', edgeIds(document));
  const edge: FlowEdge = { id: edgeId, source: request.source, sourcePort: request.sourcePort!, target: request.target };
  return { check, document: { ...document, edges: [...document.edges, edge] }, edgeId };
}

/** Removes nodes with every edge touching them, and edges. */
export function removeElements(document: DraftDocument, removedNodeIds: readonly string[], removedEdgeIds: readonly string[]): DraftDocument {
  const nodes = new Set(removedNodeIds);
  const edges = new Set(removedEdgeIds);
  return {
    ...document,
    nodes: document.nodes.filter((node) => !nodes.has(node.id)),
    edges: document.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)),
  };
}

export function copyFragment(document: DraftDocument, copiedNodeIds: readonly string[]): Fragment {
  const ids = new Set(copiedNodeIds);
  return {
    nodes: document.nodes.filter((node) => ids.has(node.id)),
    edges: document.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
  };
}

/**
 * Pastes copies with fresh ids, shifted by `offset`; edges are re-attached to the copies. A start node is left out
 * when the flow already has one (a flow has exactly one entry).
 */
export function pasteFragment(
  document: DraftDocument,
  fragment: Fragment,
  offset: XY,
): { document: DraftDocument; nodeIds: string[]; edgeIds: string[] } {
  const hasStart = document.nodes.some((node) => isStartKind(node.kind));
  const takenNodes = nodeIds(document);
  const takenEdges = edgeIds(document);
  const renamed = new Map<string, string>();
  const nodes: DraftNode[] = [];
  for (const node of fragment.nodes) {
    if (hasStart && isStartKind(node.kind)) continue;
    const id = uniqueId(node.kind, takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    nodes.push({ ...structuredClone(node), id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } });
  }
  const edges: FlowEdge[] = [];
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const id = uniqueId('edge', takenEdges);
    takenEdges.add(id);
    edges.push({ id, source, sourcePort: edge.sourcePort, target });
  }
  return {
    document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
    edgeIds: edges.map((edge) => edge.id),
  };
}
