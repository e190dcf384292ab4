import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import { portsOf } from '../catalog/node-catalog';
import type { DraftDocument } from '../document/draft-document';
import type { XY } from '../store/document-ops';

/** Size used for nodes React Flow has not measured yet. */
const DEFAULT_SIZE = { width: 240, height: 120 };

/**
 * Left-to-right layered layout. Each output port is an ELK port on the node's east side, in the node's port order,
 * so branches leave in the order their handles are drawn and edges cross less.
 */
export async function layoutPositions(
  document: DraftDocument,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Promise<Record<string, XY>> {
  const ids = new Set(document.nodes.map((node) => node.id));
  const graph: ElkNode = {
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: document.nodes.map((node) => ({
      id: node.id,
      ...(measured[node.id] ?? DEFAULT_SIZE),
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: portsOf(node).map((port, index) => ({
        id: `${node.id}:${port.name}`,
        layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) },
      })),
    })),
    edges: document.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => {
        const hasPort = portsOf(document.nodes.find((node) => node.id === edge.source)!).some((port) => port.name === edge.sourcePort);
        return { id: edge.id, sources: [hasPort ? `${edge.source}:${edge.sourcePort}` : edge.source], targets: [edge.target] };
      }),
  };
  // ELK is large: loaded on first use, not with the app.
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const laidOut = await new ELK().layout(graph);
  return Object.fromEntries((laidOut.children ?? []).map((child) => [child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) }]));
}
