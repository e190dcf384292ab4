import type { FieldChange, FlowDiff, FlowEdge, NodeMove } from '@callflow/schemas';
import type { DraftDocument, DraftNode } from '../document/draft-document';

export type NodeMark = 'added' | 'removed' | 'changed' | 'unchanged';
export type EdgeMark = 'added' | 'removed' | 'unchanged';

export interface DiffViewNode {
  node: DraftNode;
  mark: NodeMark;
  /** What changed in the node (kind, label, config fields); empty unless changed. */
  changes: FieldChange[];
  /** Set when only its place on the canvas changed (or also its place). */
  moved: NodeMove | null;
}

export interface DiffViewEdge {
  /** Unique in the view: a removed edge may share its id with an edge of the newer version. */
  id: string;
  edge: FlowEdge;
  mark: EdgeMark;
}

/** Two versions of a flow drawn as one: the newer version, plus what the older one had and the newer lost. */
export interface DiffView {
  nodes: DiffViewNode[];
  edges: DiffViewEdge[];
  moves: NodeMove[];
  counts: { added: number; removed: number; changed: number; moved: number; edgesAdded: number; edgesRemoved: number };
}

const connectionKey = (edge: Pick<FlowEdge, 'source' | 'sourcePort' | 'target'>) => `${edge.source}\u0000${edge.sourcePort}\u0000${edge.target}`;

/**
 * Merges `before` and `after` by the engine's diff of the two: nodes and edges of `after` marked added, changed or
 * unchanged, and the removed ones of `before` where they were. Moves are listed apart (not a change of behaviour).
 */
export function diffView(before: DraftDocument, after: DraftDocument, diff: FlowDiff): DiffView {
  const added = new Set(diff.nodes.added.map((node) => node.id));
  const removed = new Set(diff.nodes.removed.map((node) => node.id));
  const changed = new Map(diff.nodes.changed.map((node) => [node.id, node.changes]));
  const moved = new Map(diff.nodes.moved.map((move) => [move.id, move]));
  const mark = (id: string): NodeMark => (added.has(id) ? 'added' : changed.has(id) ? 'changed' : 'unchanged');

  const nodes: DiffViewNode[] = [
    ...after.nodes.map((node) => ({ node, mark: mark(node.id), changes: changed.get(node.id) ?? [], moved: moved.get(node.id) ?? null })),
    ...before.nodes.filter((node) => removed.has(node.id)).map((node) => ({ node, mark: 'removed' as const, changes: [], moved: null })),
  ];

  const addedEdges = new Set(diff.edges.added.map(connectionKey));
  const removedEdges = new Set(diff.edges.removed.map(connectionKey));
  const edges: DiffViewEdge[] = [
    ...after.edges.map((edge) => ({ id: edge.id, edge, mark: addedEdges.has(connectionKey(edge)) ? ('added' as const) : ('unchanged' as const) })),
    ...before.edges.filter((edge) => removedEdges.has(connectionKey(edge))).map((edge) => ({ id: `removed:${edge.id}`, edge, mark: 'removed' as const })),
  ];

  return {
    nodes,
    edges,
    moves: diff.nodes.moved,
    counts: {
      added: added.size,
      removed: removed.size,
      changed: changed.size,
      moved: diff.nodes.moved.length,
      edgesAdded: diff.edges.added.length,
      edgesRemoved: diff.edges.removed.length,
    },
  };
}
