import { CreateRingGroupBodySchema, type AgentView, type CreateRingGroupBody, type RingGroup } from '@callflow/schemas';
import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { nullIfBlank, numberOf, type NumberValue } from '../form-values';
import { STRATEGY_OPTIONS } from '../routing-strategies';
import { FormFooter, ProblemAlert } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';

export interface RingGroupFormValues {
  name: string;
  extension: string;
  strategy: RingGroup['strategy'];
  ringTimeoutSecs: NumberValue;
  members: Array<{ agentId: string; priority: NumberValue }>;
}

export function ringGroupFormValues(group: RingGroup | null): RingGroupFormValues {
  return {
    name: group?.name ?? '',
    extension: group?.extension ?? '',
    strategy: group?.strategy ?? 'simultaneous',
    ringTimeoutSecs: group?.ringTimeoutSecs ?? 20,
    members: group?.members.map((member) => ({ ...member })) ?? [],
  };
}

export function ringGroupBody(values: RingGroupFormValues): Record<keyof CreateRingGroupBody, unknown> {
  return {
    name: values.name.trim(),
    extension: nullIfBlank(values.extension),
    strategy: values.strategy,
    ringTimeoutSecs: numberOf(values.ringTimeoutSecs),
    members: values.members.map((member) => ({ agentId: member.agentId, priority: numberOf(member.priority) })),
  };
}

export function RingGroupForm({ group, agents, onSubmit, onCancel }: { group: RingGroup | null; agents: AgentView[]; onSubmit(body: CreateRingGroupBody): Promise<void>; onCancel(): void }) {
  const { form, submit, problem, saving } = useSettingsForm({ initialValues: ringGroupFormValues(group), schema: CreateRingGroupBodySchema, toBody: ringGroupBody, onSubmit });
  const values = form.getValues();
  const agentOptions = agents.map((agent) => ({ value: agent.id, label: `${agent.name} (${agent.extension})` }));
  const nextPriority = values.members.reduce((highest, member) => Math.max(highest, numberOf(member.priority) ?? 0), 0) + 1;

  return (
    <form onSubmit={submit} noValidate aria-label="Ring group">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={2}>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput label="Extension" placeholder="Optional" {...form.getInputProps('extension')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select label="Strategy" data={STRATEGY_OPTIONS} allowDeselect={false} {...form.getInputProps('strategy')} />
          <NumberInput label="Ring timeout (each attempt)" suffix=" s" min={5} max={300} {...form.getInputProps('ringTimeoutSecs')} />
        </SimpleGrid>
        <Fieldset legend="Members">
          <Stack gap="xs">
            {values.members.length === 0 && (
              <Text size="sm" c="dimmed">
                No members yet.
              </Text>
            )}
            {values.members.length > 0 && (
              <Text size="xs" c="dimmed">
                Lower priority rings first (sequential and round robin).
              </Text>
            )}
            {values.members.map((_, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <Select aria-label={`Member ${index + 1}`} data={agentOptions} searchable allowDeselect={false} style={{ flex: 1 }} {...form.getInputProps(`members.${index}.agentId`)} />
                <NumberInput aria-label={`Priority of member ${index + 1}`} prefix="Priority " w={130} {...form.getInputProps(`members.${index}.priority`)} />
                <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove member ${index + 1}`} onClick={() => form.removeListItem('members', index)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('members', { agentId: '', priority: nextPriority })}>
                Add member
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} />
    </form>
  );
}
