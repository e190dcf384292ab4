import type { ScheduleView } from '@callflow/schemas';
import { Badge, Text } from '@mantine/core';
import { useCallback } from 'react';
import { directoryClient } from '../../../api/directory-client';
import { EntitySection, type Column } from '../entity-section';
import { useLoaded } from '../use-loaded';
import { ScheduleForm } from './schedule-form';
import { ScheduleStatus } from './schedule-status';
import { describeWeek } from './weekly-hours';

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function SchedulesSection() {
  const schedules = useLoaded(useCallback(() => directoryClient.schedules.list(), []));
  const presets = useLoaded(useCallback(() => directoryClient.schedules.holidayPresets(new Date().getFullYear()), []));

  const columns: Array<Column<ScheduleView>> = [
    {
      label: 'Name',
      render: (schedule) => (
        <>
          <Text size="sm" fw={500}>
            {schedule.name}
          </Text>
          <Text size="xs" c="dimmed">
            {schedule.timeZone}
          </Text>
        </>
      ),
    },
    { label: 'Now', render: (schedule) => <ScheduleStatus status={schedule.status} /> },
    { label: 'Weekly hours', render: (schedule) => <Text size="sm">{describeWeek(schedule.weekly)}</Text> },
    { label: 'Holidays', align: 'right', render: (schedule) => schedule.holidays.length },
    {
      label: 'Override',
      render: (schedule) =>
        schedule.override ? (
          <Badge color="red" variant="light">
            {schedule.override.mode === 'closed' ? 'Closed' : 'Open'}
          </Badge>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <EntitySection
      sectionId="schedules"
      noun="schedule"
      items={schedules}
      columns={columns}
      drawerSize="xl"
      remove={(schedule) => directoryClient.schedules.remove(schedule.id)}
      editor={({ item, saved, close }) => (
        <ScheduleForm
          schedule={item}
          defaultTimeZone={BROWSER_TIME_ZONE}
          presets={presets.data}
          onCancel={close}
          onSubmit={async (body) => {
            if (item) await directoryClient.schedules.update(item.id, body);
            else await directoryClient.schedules.create(body);
            saved(`${body.name} saved`);
          }}
        />
      )}
    />
  );
}
