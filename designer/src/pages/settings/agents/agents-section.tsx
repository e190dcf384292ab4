import type { AgentView } from '@callflow/schemas';
import { Badge, Divider, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { directoryClient } from '../../../api/directory-client';
import { EntitySection, type Column } from '../entity-section';
import { useLoaded } from '../use-loaded';
import { AgentForm } from './agent-form';
import { AgentPresenceForm } from './agent-presence-form';
import { availabilityOf } from './availability';

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function AgentsSection() {
  const agents = useLoaded(useCallback(() => directoryClient.agents.list(), []));
  const list = agents.data ?? [];
  const nameOf = (id: string) => list.find((agent) => agent.id === id)?.name ?? id;

  const columns: Array<Column<AgentView>> = [
    {
      label: 'Name',
      render: (agent) => (
        <>
          <Text size="sm" fw={500}>
            {agent.name}
          </Text>
          {agent.user && (
            <Text size="xs" c="dimmed">
              {agent.user.email}
            </Text>
          )}
        </>
      ),
    },
    { label: 'Extension', render: (agent) => agent.extension },
    { label: 'Direct number', render: (agent) => agent.directNumber ?? '—' },
    {
      label: 'Availability',
      render: (agent) => {
        const availability = availabilityOf(agent, nameOf);
        return (
          <>
            <Badge variant="light" color={availability.color}>
              {availability.label}
            </Badge>
            {availability.detail && (
              <Text size="xs" c="dimmed" mt={2}>
                {availability.detail}
              </Text>
            )}
          </>
        );
      },
    },
    {
      label: 'Skills',
      render: (agent) => (
        <Group gap={4}>
          {agent.skills.map((entry) => (
            <Badge key={entry.skill} variant="outline" color="gray" size="sm" tt="none">
              {entry.skill} · {entry.level}
            </Badge>
          ))}
        </Group>
      ),
    },
    { label: 'Calls', align: 'right', render: (agent) => `${agent.activeCalls} / ${agent.maxConcurrentCalls}` },
  ];

  return (
    <EntitySection
      sectionId="agents"
      noun="agent"
      items={agents}
      columns={columns}
      remove={(agent) => directoryClient.agents.remove(agent.id)}
      editor={({ item, saved, close, replace }) => (
        <>
          {item && (
            <>
              <AgentPresenceForm
                key={`presence-${item.id}`}
                agent={item}
                onSubmit={async (body) => {
                  const updated = await directoryClient.agents.setPresence(item.id, body);
                  notifications.show({ color: 'teal', message: `${updated.name}: ${availabilityOf(updated, nameOf).label.toLowerCase()}` });
                  replace(updated);
                  agents.reload();
                }}
              />
              <Divider />
            </>
          )}
          <AgentForm
            key={item?.id ?? 'new'}
            agent={item}
            agents={list}
            defaultTimeZone={BROWSER_TIME_ZONE}
            onCancel={close}
            onSubmit={async (body) => {
              if (item) await directoryClient.agents.update(item.id, body);
              else await directoryClient.agents.create(body);
              saved(item ? `${body.name} saved` : `${body.name} added`);
            }}
          />
        </>
      )}
    />
  );
}
