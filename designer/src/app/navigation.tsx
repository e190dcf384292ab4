import { Badge, NavLink, Stack, Text } from '@mantine/core';
import { IconActivity, IconChartBar, IconHeadset, IconPhoneCall, IconSettings, IconSitemap, type Icon } from '@tabler/icons-react';
import { NavLink as RouterLink } from 'react-router';

interface NavigationEntry {
  label: string;
  icon: Icon;
  /** Null for sections that are not built yet. */
  to: string | null;
}

const ENTRIES: NavigationEntry[] = [
  { label: 'Flows', icon: IconSitemap, to: '/flows' },
  { label: 'Live monitor', icon: IconActivity, to: null },
  { label: 'Calls', icon: IconPhoneCall, to: null },
  { label: 'Agent console', icon: IconHeadset, to: null },
  { label: 'Settings', icon: IconSettings, to: null },
  { label: 'Analytics', icon: IconChartBar, to: null },
];

export function Navigation() {
  return (
    <Stack gap={2} p="xs">
      <Text fw={700} fz="lg" px="sm" py="xs" c="indigo.7">
        Callflow
      </Text>
      {ENTRIES.map(({ label, icon: Icon, to }) =>
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
