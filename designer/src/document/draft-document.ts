import type { FlowDocumentEnvelope, FlowNodeEnvelope, NodeKind } from '@callflow/schemas';

/**
 * A node as the editor holds it: a known kind, but a config that may not pass its schema yet (a node dropped from
 * the palette starts blank). `validateFlow` reports such configs; publishing refuses them.
 */
export type DraftNode = Omit<FlowNodeEnvelope, 'kind'> & { kind: NodeKind };

/** The flow document being edited: the file format, with node configs not yet checked. */
export type DraftDocument = Omit<FlowDocumentEnvelope, 'nodes'> & { nodes: DraftNode[] };
export type NodeConfigDraft = DraftNode['config'];
