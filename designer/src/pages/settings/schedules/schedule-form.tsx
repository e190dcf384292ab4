import { CreateScheduleBodySchema, type CreateScheduleBody, type Holiday, type HolidayPresetView, type ScheduleView, type WeeklyHours } from '@callflow/schemas';
import { Button, Collapse, Fieldset, Group, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorUnder } from '../form-feedback';
import { instantOfLocal, localOfInstant } from '../form-values';
import { FormFooter, ProblemAlert, TimeZoneSelect } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';
import { DayHoursInput } from './day-hours-input';
import { HolidaysEditor } from './holidays-editor';
import { ScheduleStatus } from './schedule-status';
import { WeeklyGrid } from './weekly-grid';
import { copyMondayToWeekdays, describeWeek, EMPTY_WEEK, paintWeek, WEEKDAYS } from './weekly-hours';

export interface ScheduleFormValues {
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
  override: { enabled: boolean; mode: 'closed' | 'open'; reason: string; until: string };
}

export function scheduleFormValues(schedule: ScheduleView | null, defaultTimeZone: string): ScheduleFormValues {
  const override = schedule?.override ?? null;
  return {
    name: schedule?.name ?? '',
    timeZone: schedule?.timeZone ?? defaultTimeZone,
    weekly: schedule?.weekly ?? paintWeek(EMPTY_WEEK, WEEKDAYS.slice(0, 5), 9 * 60, 17 * 60, true),
    holidays: schedule?.holidays ?? [],
    override: { enabled: override !== null, mode: override?.mode ?? 'closed', reason: override?.reason ?? '', until: localOfInstant(override?.until ?? null) },
  };
}

export function scheduleBody(values: ScheduleFormValues): Record<keyof CreateScheduleBody, unknown> {
  const { enabled, mode, reason, until } = values.override;
  return {
    name: values.name.trim(),
    timeZone: values.timeZone,
    weekly: values.weekly,
    holidays: values.holidays,
    override: enabled ? { mode, ...(reason.trim() ? { reason: reason.trim() } : {}), until: instantOfLocal(until) } : null,
  };
}

export interface ScheduleFormProps {
  schedule: ScheduleView | null;
  defaultTimeZone: string;
  presets: HolidayPresetView[] | null;
  onSubmit(body: CreateScheduleBody): Promise<void>;
  onCancel(): void;
}

const DAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A schedule: weekly hours on a grid, holidays, and the emergency override. */
export function ScheduleForm({ schedule, defaultTimeZone, presets, onSubmit, onCancel }: ScheduleFormProps) {
  const { form, submit, problem, saving } = useSettingsForm({ initialValues: scheduleFormValues(schedule, defaultTimeZone), schema: CreateScheduleBodySchema, toBody: scheduleBody, onSubmit });
  const [exact, setExact] = useState(false);
  const values = form.getValues();
  const setWeekly = (weekly: WeeklyHours) => form.setFieldValue('weekly', weekly);

  return (
    <form onSubmit={submit} noValidate aria-label="Schedule">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        {schedule && <ScheduleStatus status={schedule.status} />}
        <SimpleGrid cols={2}>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TimeZoneSelect label="Time zone" {...form.getInputProps('timeZone')} />
        </SimpleGrid>

        <Fieldset legend="Weekly hours">
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              In {values.timeZone}. Drag across the grid to open hours; start on an open cell to close them.
            </Text>
            <WeeklyGrid value={values.weekly} onChange={setWeekly} />
            <Group justify="space-between">
              <Text size="sm">{describeWeek(values.weekly)}</Text>
              <Group gap={4}>
                <Button variant="subtle" size="compact-xs" onClick={() => setWeekly(copyMondayToWeekdays(values.weekly))}>
                  Monday's hours on weekdays
                </Button>
                <Button variant="subtle" size="compact-xs" color="gray" onClick={() => setWeekly(EMPTY_WEEK)}>
                  Clear
                </Button>
                <Button variant="subtle" size="compact-xs" color="gray" onClick={() => setExact((shown) => !shown)}>
                  {exact ? 'Hide exact times' : 'Exact times'}
                </Button>
              </Group>
            </Group>
            {errorUnder(form.errors, 'weekly') && !exact && (
              <Text size="xs" c="red">
                {errorUnder(form.errors, 'weekly')}
              </Text>
            )}
            <Collapse expanded={exact}>
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
                {WEEKDAYS.map((day, index) => (
                  <DayHoursInput
                    key={day}
                    label={DAY_LABELS[index]!}
                    value={values.weekly[day]}
                    onChange={(intervals) => setWeekly({ ...values.weekly, [day]: intervals })}
                    error={errorUnder(form.errors, `weekly.${day}`)}
                  />
                ))}
              </SimpleGrid>
            </Collapse>
          </Stack>
        </Fieldset>

        <Fieldset legend="Holidays">
          <HolidaysEditor
            holidays={values.holidays}
            onChange={(holidays) => form.setFieldValue('holidays', holidays)}
            presets={presets}
            errorOf={(index) => errorUnder(form.errors, `holidays.${index}`)}
          />
        </Fieldset>

        <Fieldset legend="Emergency override">
          <Stack gap="sm">
            <Switch label="Override the hours and holidays" {...form.getInputProps('override.enabled', { type: 'checkbox' })} />
            {values.override.enabled && (
              <>
                <SegmentedControl
                  data={[
                    { value: 'closed', label: 'Closed' },
                    { value: 'open', label: 'Open' },
                  ]}
                  {...form.getInputProps('override.mode')}
                />
                <TextInput label="Reason" placeholder="e.g. Storm closure" description="Shown to staff and available to the flow" {...form.getInputProps('override.reason')} />
                <TextInput type="datetime-local" label="Until" description="In your browser's time zone; empty: until you turn it off" {...form.getInputProps('override.until')} />
              </>
            )}
          </Stack>
        </Fieldset>
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} />
    </form>
  );
}
