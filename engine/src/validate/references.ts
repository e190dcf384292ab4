import type { DirectorySnapshot, EntityReference } from '@callflow/schemas';
import type { DiagnosticList } from './diagnostic-list';
import { isTyped, type NodeInfo } from './flow-model';

export interface ValidationContext {
  /** The tenant's agents, ring groups, queues, mailboxes and schedules; references are checked when given. */
  directory?: DirectorySnapshot;
  /** Ids of the tenant's flows; go-to-flow targets are checked when given. */
  knownFlowIds?: string[];
}

const NOUNS: Record<EntityReference['type'], string> = {
  schedule: 'schedule',
  queue: 'queue',
  agent: 'agent',
  'ring-group': 'ring group',
  mailbox: 'mailbox',
  flow: 'flow',
};

function knownIds(context: ValidationContext): Record<EntityReference['type'], ReadonlySet<string> | null> {
  const { directory, knownFlowIds } = context;
  const ids = (entities: readonly { id: string }[] | undefined) => (entities === undefined ? null : new Set(entities.map((entity) => entity.id)));
  return {
    schedule: ids(directory?.schedules),
    queue: ids(directory?.queues),
    agent: ids(directory?.agents),
    'ring-group': ids(directory?.ringGroups),
    mailbox: ids(directory?.mailboxes),
    flow: knownFlowIds === undefined ? null : new Set(knownFlowIds),
  };
}

/** Reports references to directory entities and flows that do not exist (only for what the context provides). */
export function checkReferences(infos: readonly NodeInfo[], context: ValidationContext, diagnostics: DiagnosticList): void {
  if (context.directory === undefined && context.knownFlowIds === undefined) return;
  const known = knownIds(context);
  for (const info of infos) {
    if (!isTyped(info)) continue;
    for (const reference of info.definition.references(info.config)) {
      const ids = known[reference.type];
      if (ids === null || ids.has(reference.id)) continue;
      diagnostics.error('unknown-reference', `${info.name}: ${NOUNS[reference.type]} “${reference.id}” does not exist`, {
        nodeId: info.envelope.id,
        field: reference.field,
      });
    }
  }
}
