import {
  nodeCatalog,
  type FlowNodeEnvelope,
  type NodeConfig,
  type NodeDefinition,
  type NodeKind,
  type PortSpec,
} from '@callflow/schemas';

/** A node definition read through its kind known only at run time. */
export type AnyNodeDefinition = NodeDefinition<NodeKind>;

export function definitionOf(kind: NodeKind): AnyNodeDefinition {
  // The catalog's definitions are typed per kind; their configs are checked before use.
  return nodeCatalog[kind] as unknown as AnyNodeDefinition;
}

/** What validation learnt about one node of the document. */
export interface NodeInfo {
  /** Position in the document's node list. */
  index: number;
  envelope: FlowNodeEnvelope;
  /** Null when the kind is unknown. */
  kind: NodeKind | null;
  definition: AnyNodeDefinition | null;
  /** The migrated config with defaults applied; null when the kind, version or config is unusable. */
  config: NodeConfig<NodeKind> | null;
  /** The node's ports; null when they cannot be known (the config is unusable). */
  ports: PortSpec[] | null;
  /** Human name for messages: `Menu “Main menu” (node menu-1)`. */
  name: string;
}

/** A node whose kind, version and config are all usable. */
export type TypedNodeInfo = NodeInfo & {
  kind: NodeKind;
  definition: AnyNodeDefinition;
  config: NodeConfig<NodeKind>;
  ports: PortSpec[];
};

export function isTyped(info: NodeInfo): info is TypedNodeInfo {
  return info.config !== null;
}

/** The graph as validation resolved it, for the compiler. */
export interface FlowGraph {
  /** First node of each id, in document order (later duplicates are left out). */
  nodes: Map<string, NodeInfo>;
  entryId: string | null;
  /** Per source node, per port: the target node id of the port's (first) edge. */
  outgoing: Map<string, Map<string, string>>;
  /** Node ids reachable from the entry through edges and go-to targets. */
  reachable: Set<string>;
}

export function describeNode(displayName: string, label: string, id: string): string {
  return label.trim() === '' ? `${displayName} (node ${id})` : `${displayName} “${label}” (node ${id})`;
}

/** The go-to node's target node id, when the node is a valid go-to into this flow. */
export function goToNodeTarget(info: NodeInfo): string | null {
  if (info.kind !== 'go-to' || info.config === null) return null;
  const { target } = info.config as NodeConfig<'go-to'>;
  return target.type === 'node' ? target.nodeId : null;
}
