import frontDeskDirectory from '@callflow/engine/examples/front-desk.directory.json';
import frontDeskFlow from '@callflow/engine/examples/front-desk.flow.json';
import { DirectorySnapshotSchema, type DirectorySnapshot } from '@callflow/schemas';
import type { DraftDocument } from './draft-document';
import { readFlowFile } from './flow-files';

/** The example flow shipped with the engine: business hours, a menu, a ring group, voicemail. */
export function exampleDocument(): DraftDocument {
  const read = readFlowFile(JSON.stringify(frontDeskFlow));
  if (!read.ok) throw new Error(`the example flow does not open: ${read.error}`);
  return read.document;
}

/**
 * The example directory (agents, ring groups, mailboxes, schedules) the editor checks references against and
 * simulates with, until the directory comes from the API.
 */
export function exampleDirectory(): DirectorySnapshot {
  return DirectorySnapshotSchema.parse(frontDeskDirectory);
}
