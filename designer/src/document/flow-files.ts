import { validateFlow } from '@callflow/engine';
import { FLOW_FORMAT, FlowDocumentEnvelopeSchema, isNodeKind } from '@callflow/schemas';
import type { DraftDocument, DraftNode } from './draft-document';

export type FlowFileRead = { ok: true; document: DraftDocument } | { ok: false; error: string };

/**
 * Reads a flow file for editing. Old node versions are migrated and defaults applied when every node config is
 * valid; otherwise the nodes are kept as written, so that the editor can show and fix them.
 */
export function readFlowFile(text: string): FlowFileRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not a JSON file: ${(error as Error).message}` };
  }
  return readFlowDocument(value);
}

/** Reads a parsed flow document (a file's content, or a draft from the API) for editing, as `readFlowFile`. */
export function readFlowDocument(value: unknown): FlowFileRead {
  const checked = validateFlow(value).document;
  if (checked !== null) return { ok: true, document: checked };
  const envelope = FlowDocumentEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return { ok: false, error: `not a ${FLOW_FORMAT} document: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  const nodes: DraftNode[] = [];
  for (const node of envelope.data.nodes) {
    if (!isNodeKind(node.kind)) return { ok: false, error: `node ${node.id} is of unknown kind “${node.kind}”` };
    nodes.push({ ...node, kind: node.kind });
  }
  return { ok: true, document: { ...envelope.data, nodes } };
}

export function writeFlowFile(document: DraftDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A file name for the exported flow, from its name. */
export function flowFileName(document: DraftDocument): string {
  const slug = document.metadata.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'flow'}.flow.json`;
}
