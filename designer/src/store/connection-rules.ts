import { definitionOf, portsOf } from '../catalog/node-catalog';
import type { DraftDocument } from '../document/draft-document';

export interface ConnectionRequest {
  source: string;
  /** React Flow's source handle: one per named port. */
  sourcePort: string | null;
  target: string;
}

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/** Whether an edge may be drawn, by the port rules of the node definitions. */
export function checkConnection(document: DraftDocument, request: ConnectionRequest): ConnectionCheck {
  const source = document.nodes.find((node) => node.id === request.source);
  const target = document.nodes.find((node) => node.id === request.target);
  if (!source || !target) return { ok: false, reason: 'both ends must be nodes of this flow' };
  const sourceDefinition = definitionOf(source.kind);
  const targetDefinition = definitionOf(target.kind);
  const port = portsOf(source).find((candidate) => candidate.name === request.sourcePort);
  if (!port) return { ok: false, reason: `${sourceDefinition.ui.displayName} has no output “${request.sourcePort ?? ''}”` };
  if (!targetDefinition.acceptsInput) {
    return { ok: false, reason: `${targetDefinition.ui.displayName} starts the flow: nothing connects into it` };
  }
  if (document.edges.some((edge) => edge.source === source.id && edge.sourcePort === port.name)) {
    return { ok: false, reason: `“${port.label}” is already connected: each output leads to one node` };
  }
  if (source.id === target.id && !sourceDefinition.waitsForCaller) {
    return { ok: false, reason: `${sourceDefinition.ui.displayName} cannot lead to itself: the call would loop without waiting for the caller` };
  }
  return { ok: true };
}
