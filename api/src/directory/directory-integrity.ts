import { validateFlow } from '@callflow/engine';
import type { DirectoryConflict, DirectorySnapshot, EntityReference } from '@callflow/schemas';
import type { DirectoryKind, DirectoryRecord, FlowDocumentUse } from './directory.repository';

export type Conflict = DirectoryConflict['conflicts'][number];

interface AgentReference {
  agentId: string;
  /** Dotted path of the field in the request body. */
  path: string;
  /** How the referrer uses the agent, for conflict messages. */
  role: string;
}

interface KindRules<K extends DirectoryKind> {
  noun: string;
  type: Conflict['type'] & EntityReference['type'];
  extension(record: DirectoryRecord<K>): string | null;
  agentReferences(record: DirectoryRecord<K>): AgentReference[];
}

/** What each kind of directory entity is called, which extension it holds and which agents it points at. */
export const KIND_RULES: { [K in DirectoryKind]: KindRules<K> } = {
  agents: {
    noun: 'agent',
    type: 'agent',
    extension: (agent) => agent.extension,
    agentReferences: (agent) => {
      const forward = agent.vacation?.forwardTo;
      return forward?.type === 'agent' ? [{ agentId: forward.agentId, path: 'vacation.forwardTo.agentId', role: 'vacation forward' }] : [];
    },
  },
  ringGroups: {
    noun: 'ring group',
    type: 'ring-group',
    extension: (group) => group.extension ?? null,
    agentReferences: (group) => group.members.map((member, index) => ({ agentId: member.agentId, path: `members.${index}.agentId`, role: 'member' })),
  },
  queues: {
    noun: 'queue',
    type: 'queue',
    extension: () => null,
    agentReferences: (queue) => queue.members.map((agentId, index) => ({ agentId, path: `members.${index}`, role: 'member' })),
  },
  mailboxes: {
    noun: 'mailbox',
    type: 'mailbox',
    extension: (mailbox) => mailbox.extension ?? null,
    agentReferences: (mailbox) => (mailbox.ownerAgentId === null ? [] : [{ agentId: mailbox.ownerAgentId, path: 'ownerAgentId', role: 'owner' }]),
  },
  schedules: {
    noun: 'schedule',
    type: 'schedule',
    extension: () => null,
    agentReferences: () => [],
  },
};

const KINDS = Object.keys(KIND_RULES) as DirectoryKind[];

function recordsOf<K extends DirectoryKind>(directory: DirectorySnapshot, kind: K): ReadonlyArray<DirectoryRecord<K>> {
  return directory[kind] as ReadonlyArray<DirectoryRecord<K>>;
}

export function describeEntity(kind: DirectoryKind, record: { id: string; name: string }): string {
  return `${KIND_RULES[kind].noun} "${record.name}" (${record.id})`;
}

/** The record's references to agents that are not in the directory, as body issues. */
export function agentReferenceIssues<K extends DirectoryKind>(
  directory: DirectorySnapshot,
  kind: K,
  record: DirectoryRecord<K>,
): Array<{ path: string; message: string }> {
  const agentIds = new Set(directory.agents.map((agent) => agent.id));
  return KIND_RULES[kind].agentReferences(record).flatMap(({ agentId, path }) => {
    if (kind === 'agents' && agentId === record.id) return [{ path, message: 'an agent cannot forward calls to themselves' }];
    return agentIds.has(agentId) ? [] : [{ path, message: `no agent ${agentId}` }];
  });
}

/** Who else holds the record's extension (agents, ring groups and mailboxes share one dial plan). */
export function extensionConflict<K extends DirectoryKind>(directory: DirectorySnapshot, kind: K, record: DirectoryRecord<K>): Conflict | null {
  const extension = KIND_RULES[kind].extension(record);
  if (extension === null) return null;
  for (const otherKind of KINDS) {
    const rules = KIND_RULES[otherKind] as KindRules<DirectoryKind>;
    const holder = recordsOf(directory, otherKind).find(
      (other) => rules.extension(other) === extension && !(otherKind === kind && other.id === record.id),
    );
    if (holder !== undefined) return { type: rules.type, id: holder.id, name: holder.name, detail: `extension ${extension}` };
  }
  return null;
}

/** Directory entities that point at the agent (ring group and queue members, mailbox owners, vacation forwards). */
export function agentReferrers(directory: DirectorySnapshot, agentId: string): Conflict[] {
  return KINDS.flatMap((kind) => {
    const rules = KIND_RULES[kind] as KindRules<DirectoryKind>;
    return recordsOf(directory, kind).flatMap((record) =>
      rules
        .agentReferences(record)
        .filter((reference) => reference.agentId === agentId)
        .map((reference) => ({ type: rules.type, id: record.id, name: record.name, detail: reference.role })),
    );
  });
}

function unknownReferences(document: unknown, directory: DirectorySnapshot): Set<string> {
  const diagnostics = validateFlow(document, { directory }).diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-reference');
  return new Set(diagnostics.map((diagnostic) => `${diagnostic.nodeId ?? ''}\u0000${diagnostic.field ?? ''}`));
}

/**
 * Flow documents (drafts and active versions) that reference the entity: the nodes the engine would report as
 * naming a missing entity once it is gone, and not before. This keeps the engine's node definitions the only
 * place that says which config fields hold references.
 */
export function flowReferrers(documents: readonly FlowDocumentUse[], directory: DirectorySnapshot, kind: DirectoryKind, id: string): Conflict[] {
  const without: DirectorySnapshot = { ...directory, [kind]: recordsOf(directory, kind).filter((record) => record.id !== id) };
  return documents.flatMap(({ flowId, flowName, versionNumber, document }) => {
    const before = unknownReferences(document, directory);
    const nodes = [...unknownReferences(document, without)].filter((key) => !before.has(key)).map((key) => key.split('\u0000')[0]!);
    if (nodes.length === 0) return [];
    const where = versionNumber === null ? 'draft' : `active version ${versionNumber}`;
    return [{ type: 'flow' as const, id: flowId, name: flowName, detail: `${where}, node ${[...new Set(nodes)].join(', ')}` }];
  });
}
