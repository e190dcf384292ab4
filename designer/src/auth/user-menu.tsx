import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconSelector } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { logOut, useSession } from './session';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}

/** Who is signed in (name, role, company) with the sign-out action. */
export function UserMenu() {
  const session = useSession();
  const navigate = useNavigate();
  if (session === null) return null;
  const { user, tenant } = session;
  return (
    <Menu position="top-start" width={220} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="Account" p="xs" w="100%">
          <Group gap="sm" wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={32}>
              {initials(user.name)}
            </Avatar>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={500} truncate>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {user.role} · {tenant.name}
              </Text>
            </div>
            <IconSelector size={14} stroke={1.5} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => {
            void logOut().then(() => navigate('/login', { replace: true }));
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
