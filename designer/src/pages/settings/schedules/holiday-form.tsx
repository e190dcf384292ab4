import { HolidaySchema, type Holiday, type HolidayRule } from '@callflow/schemas';
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { FieldErrors } from '../form-feedback';
import { numberOf, type NumberValue } from '../form-values';
import { useSettingsForm } from '../use-settings-form';
import { MONTH_OPTIONS, newHolidayId, NTH_OPTIONS, WEEKDAY_OPTIONS } from './holiday-rules';
import { parseDay } from './weekly-hours';

export interface HolidayFormValues {
  name: string;
  rule: {
    type: HolidayRule['type'];
    date: string;
    from: string;
    to: string;
    month: string;
    day: NumberValue;
    observedShift: 'none' | 'nearest-weekday' | 'next-free-weekday';
    weekday: string;
    nth: string;
    offsetDays: NumberValue;
  };
  openSomeHours: boolean;
  hours: string;
}

const RULE_TYPES = [
  { value: 'date', label: 'One day' },
  { value: 'range', label: 'Several days' },
  { value: 'yearly-date', label: 'Every year on a date' },
  { value: 'yearly-weekday', label: 'Every year on a weekday of a month' },
  { value: 'yearly-easter', label: 'Every year, from Easter' },
];

const OBSERVED_SHIFTS = [
  { value: 'none', label: 'Only that date' },
  { value: 'nearest-weekday', label: 'On a weekend, the nearest weekday too (US)' },
  { value: 'next-free-weekday', label: 'On a weekend, the next free weekday too (UK, Canada)' },
];

export function holidayFormValues(holiday: Holiday | null): HolidayFormValues {
  const rule = holiday?.rule;
  return {
    name: holiday?.name ?? '',
    rule: {
      type: rule?.type ?? 'date',
      date: rule?.type === 'date' ? rule.date : '',
      from: rule?.type === 'range' ? rule.from : '',
      to: rule?.type === 'range' ? rule.to : '',
      month: rule?.type === 'yearly-date' || rule?.type === 'yearly-weekday' ? String(rule.month) : '12',
      day: rule?.type === 'yearly-date' ? rule.day : 25,
      observedShift: rule?.type === 'yearly-date' ? rule.observedShift : 'none',
      weekday: rule?.type === 'yearly-weekday' ? String(rule.weekday) : '1',
      nth: rule?.type === 'yearly-weekday' ? String(rule.nth) : '1',
      offsetDays: rule?.type === 'yearly-easter' ? rule.offsetDays : 0,
    },
    openSomeHours: holiday?.hours !== undefined,
    hours: holiday?.hours?.map((interval) => `${interval.open}-${interval.close}`).join(', ') ?? '',
  };
}

function ruleOf(rule: HolidayFormValues['rule']) {
  switch (rule.type) {
    case 'date':
      return { type: rule.type, date: rule.date };
    case 'range':
      return { type: rule.type, from: rule.from, to: rule.to };
    case 'yearly-date':
      return { type: rule.type, month: Number(rule.month), day: numberOf(rule.day), observedShift: rule.observedShift };
    case 'yearly-weekday':
      return { type: rule.type, month: Number(rule.month), weekday: Number(rule.weekday), nth: Number(rule.nth) };
    case 'yearly-easter':
      return { type: rule.type, offsetDays: numberOf(rule.offsetDays) };
  }
}

/** The holiday as the schedule stores it; `id` is kept when editing, made from the name for a new one. */
export function holidayOf(values: HolidayFormValues, id: string) {
  const hours = values.openSomeHours ? (parseDay(values.hours) ?? []) : undefined;
  return { id, name: values.name.trim(), rule: ruleOf(values.rule), ...(hours === undefined ? {} : { hours }) };
}

const checkHours = (values: HolidayFormValues): FieldErrors =>
  values.openSomeHours && parseDay(values.hours) === null ? { hours: 'write the hours as 09:00-12:00, 13:00-15:00' } : {};

export interface HolidayFormProps {
  holiday: Holiday | null;
  /** The schedule's holidays, for a new id that does not clash. */
  holidays: readonly Holiday[];
  onSubmit(holiday: Holiday): void;
  onCancel(): void;
}

/** One holiday: its name, when it occurs, and whether the business opens some hours that day. */
export function HolidayForm({ holiday, holidays, onSubmit, onCancel }: HolidayFormProps) {
  const { form, submit } = useSettingsForm<HolidayFormValues, Holiday>({
    initialValues: holidayFormValues(holiday),
    schema: HolidaySchema,
    toBody: (values) => holidayOf(values, holiday?.id ?? newHolidayId(values.name, holidays)),
    check: checkHours,
    onSubmit: async (body) => onSubmit(body),
  });
  const { rule, openSomeHours } = form.getValues();

  return (
    // A form inside the schedule form would submit it: this one is a group of fields sent by its own button.
    <Stack gap="sm" role="group" aria-label="Holiday">
      <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
      <Select label="Occurs" data={RULE_TYPES} allowDeselect={false} {...form.getInputProps('rule.type')} />
      {rule.type === 'date' && <TextInput type="date" label="Date" withAsterisk {...form.getInputProps('rule.date')} />}
      {rule.type === 'range' && (
        <SimpleGrid cols={2}>
          <TextInput type="date" label="From" withAsterisk {...form.getInputProps('rule.from')} />
          <TextInput type="date" label="To (included)" withAsterisk {...form.getInputProps('rule.to')} />
        </SimpleGrid>
      )}
      {rule.type === 'yearly-date' && (
        <>
          <SimpleGrid cols={2}>
            <NumberInput label="Day" min={1} max={31} {...form.getInputProps('rule.day')} />
            <Select label="Month" data={MONTH_OPTIONS} allowDeselect={false} {...form.getInputProps('rule.month')} />
          </SimpleGrid>
          <Select label="When it falls on a weekend" data={OBSERVED_SHIFTS} allowDeselect={false} {...form.getInputProps('rule.observedShift')} />
        </>
      )}
      {rule.type === 'yearly-weekday' && (
        <SimpleGrid cols={3}>
          <Select label="Which" data={NTH_OPTIONS} allowDeselect={false} {...form.getInputProps('rule.nth')} />
          <Select label="Weekday" data={WEEKDAY_OPTIONS} allowDeselect={false} {...form.getInputProps('rule.weekday')} />
          <Select label="Of" data={MONTH_OPTIONS} allowDeselect={false} {...form.getInputProps('rule.month')} />
        </SimpleGrid>
      )}
      {rule.type === 'yearly-easter' && (
        <NumberInput label="Days after Easter Sunday" description="-2 Good Friday, 1 Easter Monday, 39 Ascension, 50 Whit Monday" min={-70} max={70} {...form.getInputProps('rule.offsetDays')} />
      )}
      <Switch label="Open some hours that day" {...form.getInputProps('openSomeHours', { type: 'checkbox' })} />
      {openSomeHours && <TextInput label="Open" placeholder="09:00-12:00" {...form.getInputProps('hours')} />}
      {form.errors[''] && (
        <Text size="sm" c="red" role="alert">
          {form.errors['']}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="xs" onClick={() => submit()}>
          {holiday ? 'Update holiday' : 'Add holiday'}
        </Button>
      </Group>
    </Stack>
  );
}
