import { CreateQueueBodySchema, type AgentView, type CreateQueueBody, type Queue } from '@callflow/schemas';
import { ActionIcon, Alert, Button, Fieldset, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { errorUnder } from '../form-feedback';
import { numberOf, type NumberValue } from '../form-values';
import { STRATEGY_OPTIONS } from '../routing-strategies';
import { FormFooter, ProblemAlert } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';

export interface QueueFormValues {
  name: string;
  strategy: Queue['strategy'];
  requiredSkills: Array<{ skill: string; minLevel: NumberValue }>;
  members: string[];
  maxWaitSecs: NumberValue;
  maxSize: NumberValue;
  announcePosition: boolean;
  announceExpectedWait: boolean;
  announceIntervalSecs: NumberValue;
  agentRingTimeoutSecs: NumberValue;
  wrapUpSecs: NumberValue;
  /** `url` as the schema's path names it, so that its issues land on the field; empty = the default hold music. */
  holdAudio: { url: string };
}

export function queueFormValues(queue: Queue | null): QueueFormValues {
  return {
    name: queue?.name ?? '',
    strategy: queue?.strategy ?? 'longest-idle',
    requiredSkills: queue?.requiredSkills.map((entry) => ({ ...entry })) ?? [],
    members: queue?.members ?? [],
    maxWaitSecs: queue?.maxWaitSecs ?? 600,
    maxSize: queue?.maxSize ?? 50,
    announcePosition: queue?.announcePosition ?? true,
    announceExpectedWait: queue?.announceExpectedWait ?? true,
    announceIntervalSecs: queue?.announceIntervalSecs ?? 60,
    agentRingTimeoutSecs: queue?.agentRingTimeoutSecs ?? 20,
    wrapUpSecs: queue?.wrapUpSecs ?? 0,
    holdAudio: { url: queue?.holdAudio?.url ?? '' },
  };
}

export function queueBody(values: QueueFormValues): Record<keyof CreateQueueBody, unknown> {
  return {
    ...values,
    name: values.name.trim(),
    requiredSkills: values.requiredSkills.map((entry) => ({ skill: entry.skill.trim(), minLevel: numberOf(entry.minLevel) })),
    maxWaitSecs: numberOf(values.maxWaitSecs),
    maxSize: numberOf(values.maxSize),
    announceIntervalSecs: numberOf(values.announceIntervalSecs),
    agentRingTimeoutSecs: numberOf(values.agentRingTimeoutSecs),
    wrapUpSecs: numberOf(values.wrapUpSecs),
    holdAudio: values.holdAudio.url.trim() === '' ? null : { type: 'audio', url: values.holdAudio.url.trim() },
  };
}

export function QueueForm({ queue, agents, onSubmit, onCancel }: { queue: Queue | null; agents: AgentView[]; onSubmit(body: CreateQueueBody): Promise<void>; onCancel(): void }) {
  const { form, submit, problem, saving } = useSettingsForm({ initialValues: queueFormValues(queue), schema: CreateQueueBodySchema, toBody: queueBody, onSubmit });
  const values = form.getValues();
  const announcing = values.announcePosition || values.announceExpectedWait;

  return (
    <form onSubmit={submit} noValidate aria-label="Queue">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={2}>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <Select label="Strategy" data={STRATEGY_OPTIONS} allowDeselect={false} {...form.getInputProps('strategy')} />
        </SimpleGrid>
        <MultiSelect
          label="Members"
          description="Agents offered the queue's calls"
          data={agents.map((agent) => ({ value: agent.id, label: `${agent.name} (${agent.extension})` }))}
          searchable
          {...form.getInputProps('members')}
          error={errorUnder(form.errors, 'members')}
        />

        <Fieldset legend="Required skills">
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              Only members with every skill at or above its level are offered calls.
            </Text>
            {values.requiredSkills.map((_, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <TextInput aria-label={`Required skill ${index + 1}`} placeholder="e.g. billing" style={{ flex: 1 }} {...form.getInputProps(`requiredSkills.${index}.skill`)} />
                <NumberInput aria-label={`Minimum level of skill ${index + 1}`} prefix="Level ≥ " min={1} max={10} w={130} {...form.getInputProps(`requiredSkills.${index}.minLevel`)} />
                <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove required skill ${index + 1}`} onClick={() => form.removeListItem('requiredSkills', index)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('requiredSkills', { skill: '', minLevel: 1 })}>
                Add required skill
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend="Overflow">
          <Text size="xs" c="dimmed" mb="xs">
            Overflow: callers leave through the Queue node's timeout port after the longest wait, or at once when the queue is full. Connect that
            port to another queue, a voicemail box… in each flow.
          </Text>
          <SimpleGrid cols={2}>
            <NumberInput label="Longest wait" suffix=" s" min={10} max={86400} {...form.getInputProps('maxWaitSecs')} />
            <NumberInput label="Most callers waiting" min={1} max={10000} {...form.getInputProps('maxSize')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Announcements">
          <Stack gap="sm">
            <Switch label="Announce the caller's position" {...form.getInputProps('announcePosition', { type: 'checkbox' })} />
            <Switch label="Announce the expected wait" {...form.getInputProps('announceExpectedWait', { type: 'checkbox' })} />
            <NumberInput label="Every" suffix=" s" min={10} max={3600} w={160} disabled={!announcing} {...form.getInputProps('announceIntervalSecs')} />
          </Stack>
        </Fieldset>

        <TextInput
          label="Hold audio URL"
          description="Looped while callers wait, unless the flow's Queue node names its own. Empty: the default hold music."
          placeholder="https://…/hold-music.mp3"
          {...form.getInputProps('holdAudio.url')}
        />

        <SimpleGrid cols={2}>
          <NumberInput label="Offer rings an agent for" suffix=" s" min={5} max={120} {...form.getInputProps('agentRingTimeoutSecs')} />
          <NumberInput label="Wrap-up after a call" suffix=" s" min={0} max={3600} {...form.getInputProps('wrapUpSecs')} />
        </SimpleGrid>
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
          Where overflow goes is chosen on the Queue node of each flow that uses this queue; that node may also override the hold audio, the
          announcements and the longest wait.
        </Alert>
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} />
    </form>
  );
}
