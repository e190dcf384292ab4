import type { Edge, Node } from '@xyflow/react';
import { nodeCatalog, type FlowDocument, type FlowEdge, type FlowNode, type NodeKind, type PortSpec } from '@callflow/schemas';

/** What a canvas node carries: serialisable config only; callbacks and view state live in the store. */
export type CanvasNodeData = {
  kind: NodeKind;
  version: number;
  label: string;
  config: FlowNode['config'];
  ports: PortSpec[];
  acceptsInput: boolean;
};
export type CanvasNode = Node<CanvasNodeData, 'callflow'>;
export type CanvasEdge = Edge<Record<string, never>>;

function portsOf(node: FlowNode): PortSpec[] {
  const definition = nodeCatalog[node.kind];
  return (definition.ports as (config: FlowNode['config']) => PortSpec[])(node.config);
}

/** The one place where our flow document becomes React Flow's nodes and edges. */
export function toCanvas(document: FlowDocument): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes = document.nodes.map(
    (node): CanvasNode => ({
      id: node.id,
      type: 'callflow',
      position: { ...node.position },
      data: {
        kind: node.kind,
        version: node.version,
        label: node.label,
        config: node.config,
        ports: portsOf(node),
        acceptsInput: nodeCatalog[node.kind].acceptsInput,
      },
    }),
  );
  const edges = document.edges.map(
    (edge): CanvasEdge => ({ id: edge.id, source: edge.source, sourceHandle: edge.sourcePort, target: edge.target }),
  );
  return { nodes, edges };
}

/** And back: positions and connections drawn on the canvas, into the document (metadata and variables kept). */
export function fromCanvas(document: FlowDocument, nodes: CanvasNode[], edges: CanvasEdge[]): FlowDocument {
  return {
    ...document,
    nodes: nodes.map(
      (node) =>
        ({
          id: node.id,
          kind: node.data.kind,
          version: node.data.version,
          label: node.data.label,
          position: { x: node.position.x, y: node.position.y },
          config: node.data.config,
        }) as FlowNode,
    ),
    edges: edges.map(
      (edge): FlowEdge => ({
        id: edge.id,
        source: edge.source,
        // React Flow leaves the handle null for a node's default handle; every port of ours is named.
        sourcePort: edge.sourceHandle ?? 'next',
        target: edge.target,
      }),
    ),
  };
}
