import type { DirectorySnapshot, EntityReference } from '@callflow/schemas';
import { referencesOf } from '../catalog/node-catalog';
import type { DraftNode } from '../document/draft-document';

const entitiesOf: Record<EntityReference['type'], (directory: DirectorySnapshot) => { id: string }[] | null> = {
  schedule: (directory) => directory.schedules,
  queue: (directory) => directory.queues,
  agent: (directory) => directory.agents,
  'ring-group': (directory) => directory.ringGroups,
  mailbox: (directory) => directory.mailboxes,
  flow: () => null,
};

/** For each config field that names a directory entity (per the node's definition), the ids it can name. */
export function referenceSuggestions(node: DraftNode, directory: DirectorySnapshot): (path: string) => string[] | null {
  const byField = new Map(referencesOf(node).map((reference) => [reference.field, reference.type]));
  return (path) => {
    const type = byField.get(path);
    return type === undefined ? null : (entitiesOf[type](directory)?.map((entity) => entity.id) ?? null);
  };
}
