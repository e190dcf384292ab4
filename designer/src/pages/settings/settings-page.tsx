import { NavLink, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, NavLink as RouterLink, Route, Routes } from 'react-router';
import { RequireRole, useSession } from '../../auth';
import { AgentsSection } from './agents/agents-section';
import { NumbersSection } from './numbers/numbers-section';
import { QueuesSection } from './queues/queues-section';
import { RingGroupsSection } from './ring-groups/ring-groups-section';
import { SchedulesSection } from './schedules/schedules-section';
import { SETTINGS_ROLE, visibleSections, type SettingsSectionId } from './settings-sections';
import classes from './settings-page.module.css';
import { UsersSection } from './users/users-section';
import { MailboxesSection } from './voicemail/mailboxes-section';

const SECTION_PAGES: Record<SettingsSectionId, () => ReactNode> = {
  numbers: NumbersSection,
  agents: AgentsSection,
  'ring-groups': RingGroupsSection,
  queues: QueuesSection,
  schedules: SchedulesSection,
  voicemail: MailboxesSection,
  users: UsersSection,
};

/** `/settings/*`: the directory and the account, one section per sub-route; only the sections the role may see. */
export function SettingsPage() {
  const role = useSession()?.user.role;
  const sections = visibleSections(role);
  return (
    <RequireRole minimum={SETTINGS_ROLE}>
      <div className={classes.page}>
        <nav className={classes.sections} aria-label="Settings">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb="xs">
            Settings
          </Text>
          <Stack gap={2}>
            {sections.map((section) => (
              <RouterLink key={section.id} to={`/settings/${section.id}`} style={{ textDecoration: 'none', color: 'inherit' }}>
                {({ isActive }) => <NavLink component="span" label={section.label} active={isActive} />}
              </RouterLink>
            ))}
          </Stack>
        </nav>
        <div className={classes.content}>
          <div className={classes.inner}>
            <Routes>
              {sections.map((section) => {
                const Section = SECTION_PAGES[section.id];
                return <Route key={section.id} path={section.id} element={<Section />} />;
              })}
              {sections.length > 0 && <Route path="*" element={<Navigate to={`/settings/${sections[0]!.id}`} replace />} />}
            </Routes>
          </div>
        </div>
      </div>
    </RequireRole>
  );
}
