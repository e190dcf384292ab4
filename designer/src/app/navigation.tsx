import { Badge, NavLink, Stack, Text } from '@mantine/core';
import { IconActivity, IconChartBar, IconHeadset, IconPhoneCall, IconSettings, IconSitemap, type Icon } from '@tabler/icons-react';
import type { Role } from '@callflow/schemas';
import { NavLink as RouterLink } from 'react-router';
import { can, useSession } from '../auth';

interface NavigationEntry {
  label: string;
  icon: Icon;
  /** Null for sections that are not built yet. */
  to: string | null;
  /** Least role that sees the entry; everybody signed in when absent. */
  minimum?: Role;
}

const ENTRIES: NavigationEntry[] = [
  { label: 'Flows', icon: IconSitemap, to: '/flows' },
  { label: 'Live monitor', icon: IconActivity, to: '/live', minimum: 'supervisor' },
  { label: 'Calls', icon: IconPhoneCall, to: '/calls' },
  { label: 'Agent console', icon: IconHeadset, to: '/agent' },
  { label: 'Settings', icon: IconSettings, to: '/settings', minimum: 'supervisor' },
  { label: 'Analytics', icon: IconChartBar, to: '/analytics', minimum: 'supervisor' },
];

export function Navigation() {
  const role = useSession()?.user.role;
  return (
    <Stack gap={2} p="xs">
      <Text fw={700} fz="lg" px="sm" py="xs" c="indigo.7">
        Callflow
      </Text>
      {ENTRIES.filter((entry) => entry.minimum === undefined || can(role, entry.minimum)).map(({ label, icon: Icon, to }) =>
        to === null ? (
          <NavLink key={label} label={label} leftSection={<Icon size={18} stroke={1.6} />} rightSection={<Badge size="xs" variant="light" color="gray">coming</Badge>} disabled />
        ) : (
          <RouterLink key={label} to={to} style={{ textDecoration: 'none', color: 'inherit' }}>
            {({ isActive }) => <NavLink component="span" label={label} leftSection={<Icon size={18} stroke={1.6} />} active={isActive} />}
          </RouterLink>
        ),
      )}
    </Stack>
  );
}
