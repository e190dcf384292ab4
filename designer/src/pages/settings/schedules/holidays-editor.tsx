import type { Holiday, HolidayPresetView } from '@callflow/schemas';
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { HolidayForm } from './holiday-form';
import { describeRule, isRecurring, missingFrom } from './holiday-rules';
import { describeDay } from './weekly-hours';

export interface HolidaysEditorProps {
  holidays: Holiday[];
  onChange(holidays: Holiday[]): void;
  /** Public holidays per country with their dates this year; null while loading. */
  presets: HolidayPresetView[] | null;
  /** The schedule form's errors for a holiday (by index), from its own check or the API. */
  errorOf(index: number): ReactNode;
}

/** A schedule's holidays: one-off and recurring, added one by one or from a country's public holidays. */
export function HolidaysEditor({ holidays, onChange, presets, errorOf }: HolidaysEditorProps) {
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const preset = presets?.find((entry) => entry.country === country) ?? null;
  const fromPreset = preset ? missingFrom(holidays, preset.holidays) : [];

  const save = (holiday: Holiday) => {
    onChange(editing === 'new' ? [...holidays, holiday] : holidays.map((entry, index) => (index === editing ? holiday : entry)));
    setEditing(null);
  };

  return (
    <Stack gap="sm">
      {holidays.length === 0 ? (
        <Text size="sm" c="dimmed">
          No holidays: the weekly hours apply every day of the year.
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label="Holidays">
          <Table.Tbody>
            {holidays.map((holiday, index) => (
              <Table.Tr key={holiday.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {holiday.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {describeRule(holiday.rule)}
                  </Text>
                  {errorOf(index) && (
                    <Text size="xs" c="red">
                      {errorOf(index)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={isRecurring(holiday.rule) ? 'indigo' : 'gray'}>
                    {isRecurring(holiday.rule) ? 'Every year' : 'Once'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {holiday.hours === undefined ? 'Closed all day' : `Open ${describeDay(holiday.hours)}`}
                  </Text>
                </Table.Td>
                <Table.Td w={72}>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${holiday.name}`} onClick={() => setEditing(index)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${holiday.name}`} onClick={() => onChange(holidays.filter((_, other) => other !== index))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {editing !== null ? (
        <Paper withBorder p="sm" bg="gray.0">
          <HolidayForm
            key={String(editing)}
            holiday={editing === 'new' ? null : holidays[editing]!}
            holidays={holidays}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        </Paper>
      ) : (
        <Group justify="space-between" align="flex-end">
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            Add holiday
          </Button>
          <Group gap="xs" align="flex-end">
            <Select
              size="xs"
              label="Public holidays of"
              placeholder={presets === null ? 'Loading…' : 'Choose a country'}
              data={(presets ?? []).map((entry) => ({ value: entry.country, label: entry.name }))}
              value={country}
              onChange={setCountry}
              w={200}
            />
            <Tooltip label={preset ? preset.dates.map((date) => `${date.date} ${date.name}`).join('\n') : ''} disabled={preset === null} multiline w={280} style={{ whiteSpace: 'pre-line' }}>
              <Button size="xs" variant="light" disabled={fromPreset.length === 0} onClick={() => onChange([...holidays, ...fromPreset])}>
                {preset === null ? 'Add holidays' : fromPreset.length === 0 ? 'All added' : `Add ${fromPreset.length} holidays`}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      )}
    </Stack>
  );
}
