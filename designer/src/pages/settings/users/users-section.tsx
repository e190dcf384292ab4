import type { User } from '@callflow/schemas';
import { Badge, Text } from '@mantine/core';
import { useCallback } from 'react';
import { directoryClient } from '../../../api/directory-client';
import { settingsClient } from '../../../api/settings-client';
import { useSession } from '../../../auth';
import { EntitySection, type Column } from '../entity-section';
import { useLoaded } from '../use-loaded';
import { UserForm } from './user-form';

const ROLE_COLORS = { owner: 'indigo', admin: 'blue', supervisor: 'teal', agent: 'gray' } as const;

export function UsersSection() {
  const session = useSession();
  const users = useLoaded(useCallback(() => settingsClient.users.list(), []));
  const agents = useLoaded(useCallback(() => directoryClient.agents.list(), []));
  const agentName = (id: string) => agents.data?.find((agent) => agent.id === id)?.name ?? id;
  if (session === null) return null;

  const columns: Array<Column<User>> = [
    {
      label: 'Name',
      render: (user) => (
        <Text size="sm" fw={500}>
          {user.name}
          {user.id === session.user.id && (
            <Text span size="xs" c="dimmed">
              {' '}
              (you)
            </Text>
          )}
        </Text>
      ),
    },
    { label: 'E-mail', render: (user) => user.email },
    {
      label: 'Role',
      render: (user) => (
        <Badge variant="light" color={ROLE_COLORS[user.role]}>
          {user.role}
        </Badge>
      ),
    },
    { label: 'Answers calls as', render: (user) => (user.agentId === null ? '—' : agentName(user.agentId)) },
    { label: 'Since', render: (user) => new Date(user.createdAt).toLocaleDateString() },
  ];

  return (
    <EntitySection
      sectionId="users"
      noun="user"
      items={users}
      columns={columns}
      remove={(user) => settingsClient.users.remove(user.id)}
      editor={({ item, saved, close }) => (
        <UserForm
          user={item}
          callerRole={session.user.role}
          agents={agents.data ?? []}
          onCancel={close}
          onCreate={async (body) => {
            await settingsClient.users.create(body);
            saved(`${body.name} can now sign in as ${body.role}`);
          }}
          onUpdate={async (body) => {
            await settingsClient.users.update(item!.id, body);
            saved(`${item!.name} saved`);
          }}
        />
      )}
    />
  );
}
