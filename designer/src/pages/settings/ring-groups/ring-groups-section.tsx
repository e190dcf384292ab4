import type { RingGroup } from '@callflow/schemas';
import { useCallback } from 'react';
import { directoryClient } from '../../../api/directory-client';
import { EntitySection, type Column } from '../entity-section';
import { strategyName } from '../routing-strategies';
import { useLoaded } from '../use-loaded';
import { RingGroupForm } from './ring-group-form';

export function RingGroupsSection() {
  const groups = useLoaded(useCallback(() => directoryClient.ringGroups.list(), []));
  const agents = useLoaded(useCallback(() => directoryClient.agents.list(), []));
  const agentName = (id: string) => agents.data?.find((agent) => agent.id === id)?.name ?? id;

  const columns: Array<Column<RingGroup>> = [
    { label: 'Name', render: (group) => group.name },
    { label: 'Extension', render: (group) => group.extension ?? '—' },
    { label: 'Strategy', render: (group) => strategyName(group.strategy) },
    {
      label: 'Members',
      render: (group) =>
        [...group.members]
          .sort((a, b) => a.priority - b.priority)
          .map((member) => agentName(member.agentId))
          .join(', ') || '—',
    },
    { label: 'Ring timeout', align: 'right', render: (group) => `${group.ringTimeoutSecs} s` },
  ];

  return (
    <EntitySection
      sectionId="ring-groups"
      noun="ring group"
      items={groups}
      columns={columns}
      remove={(group) => directoryClient.ringGroups.remove(group.id)}
      editor={({ item, saved, close }) => (
        <RingGroupForm
          group={item}
          agents={agents.data ?? []}
          onCancel={close}
          onSubmit={async (body) => {
            if (item) await directoryClient.ringGroups.update(item.id, body);
            else await directoryClient.ringGroups.create(body);
            saved(`${body.name} saved`);
          }}
        />
      )}
    />
  );
}
