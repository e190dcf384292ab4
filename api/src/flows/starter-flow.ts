import { FLOW_FORMAT, nodeCatalog, type DraftDocument } from '@callflow/schemas';

/** The draft of a new flow: a call comes in and is hung up. Valid as it is, and the place to start drawing. */
export function starterDraft(name: string): DraftDocument {
  return {
    format: FLOW_FORMAT,
    metadata: { name, description: '', timeZone: 'UTC', tags: [] },
    variables: [],
    nodes: [
      { id: 'start', kind: 'entry', version: nodeCatalog.entry.version, label: 'Incoming call', position: { x: 0, y: 0 }, config: {} },
      { id: 'hang-up', kind: 'hang-up', version: nodeCatalog['hang-up'].version, label: 'Hang up', position: { x: 0, y: 200 }, config: {} },
    ],
    edges: [{ id: 'start-next', source: 'start', sourcePort: 'next', target: 'hang-up' }],
  };
}
