import type { Queue } from '@callflow/schemas';
import { Badge, Group } from '@mantine/core';
import { useCallback } from 'react';
import { directoryClient } from '../../../api/directory-client';
import { EntitySection, type Column } from '../entity-section';
import { strategyName } from '../routing-strategies';
import { formatSeconds } from '../settings-ui';
import { useLoaded } from '../use-loaded';
import { QueueForm } from './queue-form';

export function QueuesSection() {
  const queues = useLoaded(useCallback(() => directoryClient.queues.list(), []));
  const agents = useLoaded(useCallback(() => directoryClient.agents.list(), []));

  const columns: Array<Column<Queue>> = [
    { label: 'Name', render: (queue) => queue.name },
    { label: 'Strategy', render: (queue) => strategyName(queue.strategy) },
    {
      label: 'Required skills',
      render: (queue) => (
        <Group gap={4}>
          {queue.requiredSkills.map((entry) => (
            <Badge key={entry.skill} variant="outline" color="gray" size="sm" tt="none">
              {entry.skill} ≥ {entry.minLevel}
            </Badge>
          ))}
        </Group>
      ),
    },
    { label: 'Members', align: 'right', render: (queue) => queue.members.length },
    { label: 'Longest wait', align: 'right', render: (queue) => formatSeconds(queue.maxWaitSecs) },
    { label: 'Size', align: 'right', render: (queue) => queue.maxSize },
  ];

  return (
    <EntitySection
      sectionId="queues"
      noun="queue"
      items={queues}
      columns={columns}
      remove={(queue) => directoryClient.queues.remove(queue.id)}
      editor={({ item, saved, close }) => (
        <QueueForm
          queue={item}
          agents={agents.data ?? []}
          onCancel={close}
          onSubmit={async (body) => {
            if (item) await directoryClient.queues.update(item.id, body);
            else await directoryClient.queues.create(body);
            saved(`${body.name} saved`);
          }}
        />
      )}
    />
  );
}
