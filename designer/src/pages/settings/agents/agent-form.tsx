import { CreateAgentBodySchema, type AgentView, type CreateAgentBody } from '@callflow/schemas';
import { ActionIcon, Button, Divider, Fieldset, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { FormFooter, ProblemAlert, TimeZoneSelect } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';
import { agentBody, agentFormValues } from './agent-values';

export interface AgentFormProps {
  agent: AgentView | null;
  /** Every agent, for the vacation forward. */
  agents: AgentView[];
  defaultTimeZone: string;
  onSubmit(body: CreateAgentBody): Promise<void>;
  onCancel(): void;
}

const ENDPOINT_TYPES = [
  { value: 'sandbox', label: 'Sandbox phone' },
  { value: 'sip', label: 'SIP' },
  { value: 'webrtc', label: 'Browser (WebRTC)' },
];

/** An agent's directory record: reachability, skills, limits, vacation and forwarding. */
export function AgentForm({ agent, agents, defaultTimeZone, onSubmit, onCancel }: AgentFormProps) {
  const { form, submit, problem, saving } = useSettingsForm({
    initialValues: agentFormValues(agent, defaultTimeZone),
    schema: CreateAgentBodySchema,
    toBody: agentBody,
    onSubmit,
  });
  const values = form.getValues();
  const others = agents.filter((candidate) => candidate.id !== agent?.id).map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.extension})` }));

  return (
    <form onSubmit={submit} noValidate aria-label="Agent">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={2}>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput label="Extension" withAsterisk placeholder="2 to 6 digits" {...form.getInputProps('extension')} />
          <TextInput label="Direct number" placeholder="+14155550123" {...form.getInputProps('directNumber')} />
          <TimeZoneSelect label="Time zone" {...form.getInputProps('timeZone')} />
        </SimpleGrid>

        <Fieldset legend="Where the agent is rung">
          <Stack gap="sm">
            <SegmentedControl data={ENDPOINT_TYPES} {...form.getInputProps('endpoint.type')} />
            {values.endpoint.type === 'sandbox' && <TextInput label="Sandbox phone id" withAsterisk {...form.getInputProps('endpoint.id')} />}
            {values.endpoint.type === 'sip' && <TextInput label="SIP URI" placeholder="sip:alice@pbx.example.com" withAsterisk {...form.getInputProps('endpoint.uri')} />}
            {values.endpoint.type === 'webrtc' && <TextInput label="Telephony credential id" withAsterisk {...form.getInputProps('endpoint.credentialId')} />}
          </Stack>
        </Fieldset>

        <Fieldset legend="Skills">
          <Stack gap="xs">
            {values.skills.length === 0 && (
              <Text size="sm" c="dimmed">
                No skills: the agent takes calls of queues without required skills.
              </Text>
            )}
            {values.skills.map((_, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <TextInput aria-label={`Skill ${index + 1}`} placeholder="e.g. billing" style={{ flex: 1 }} {...form.getInputProps(`skills.${index}.skill`)} />
                <NumberInput aria-label={`Level of skill ${index + 1}`} min={1} max={10} w={110} prefix="Level " {...form.getInputProps(`skills.${index}.level`)} />
                <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove skill ${index + 1}`} onClick={() => form.removeListItem('skills', index)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('skills', { skill: '', level: 5 })}>
                Add skill
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <SimpleGrid cols={3}>
          <NumberInput label="Calls at once" min={1} {...form.getInputProps('maxConcurrentCalls')} />
          <NumberInput label="Direct ring timeout" suffix=" s" min={5} max={120} {...form.getInputProps('ringTimeoutSecs')} />
          <NumberInput label="Routing weight" min={1} max={100} {...form.getInputProps('weight')} />
        </SimpleGrid>

        <TextInput
          label="Call forwarding number"
          description="Calls dialled to this agent directly go to this number; ring groups and queues skip it"
          placeholder="+14155550123"
          {...form.getInputProps('callForwardingNumber')}
        />

        <Divider />
        <Switch label="On vacation" {...form.getInputProps('vacation.enabled', { type: 'checkbox' })} />
        {values.vacation.enabled && (
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              Both days included, in the agent's time zone ({values.timeZone}).
            </Text>
            <SimpleGrid cols={2}>
              <TextInput type="date" label="From" withAsterisk {...form.getInputProps('vacation.from')} />
              <TextInput type="date" label="To (included)" withAsterisk {...form.getInputProps('vacation.to')} />
            </SimpleGrid>
            <Textarea label="Message" autosize minRows={2} {...form.getInputProps('vacation.message')} />
            <Select
              label="Forward calls to"
              data={[
                { value: 'none', label: 'Nobody' },
                { value: 'agent', label: 'Another agent' },
                { value: 'number', label: 'A phone number' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('vacation.forwardTo.type')}
            />
            {values.vacation.forwardTo.type === 'agent' && <Select label="Agent" data={others} searchable allowDeselect={false} {...form.getInputProps('vacation.forwardTo.agentId')} />}
            {values.vacation.forwardTo.type === 'number' && <TextInput label="Number" placeholder="+14155550123" {...form.getInputProps('vacation.forwardTo.number')} />}
          </Stack>
        )}
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} />
    </form>
  );
}
