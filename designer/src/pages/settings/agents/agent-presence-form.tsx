import { AgentPresenceBodySchema, PresenceSchema, type AgentPresenceBody, type AgentView } from '@callflow/schemas';
import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { instantOfLocal, localOfInstant } from '../form-values';
import { ProblemAlert } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';

interface PresenceValues {
  presence: AgentView['presence'];
  doNotDisturbUntil: string;
}

const presenceBody = (values: PresenceValues) => ({ presence: values.presence, doNotDisturbUntil: instantOfLocal(values.doNotDisturbUntil) });

/** Presence and do-not-disturb, which change through their own route (and show at once on the agent's console). */
export function AgentPresenceForm({ agent, onSubmit }: { agent: AgentView; onSubmit(body: AgentPresenceBody): Promise<void> }) {
  const { form, submit, problem, saving } = useSettingsForm<PresenceValues, AgentPresenceBody>({
    initialValues: { presence: agent.presence, doNotDisturbUntil: localOfInstant(agent.doNotDisturbUntil) },
    schema: AgentPresenceBodySchema,
    toBody: presenceBody,
    onSubmit,
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Presence">
      <Stack gap="sm">
        <ProblemAlert problem={problem} />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Presence
          </Text>
          <SegmentedControl data={PresenceSchema.options.map((presence) => ({ value: presence, label: presence[0]!.toUpperCase() + presence.slice(1) }))} {...form.getInputProps('presence')} />
        </div>
        <Group align="flex-end">
          <TextInput
            type="datetime-local"
            label="Do not disturb until"
            description="In your browser's time zone; empty ends it"
            style={{ flex: 1 }}
            {...form.getInputProps('doNotDisturbUntil')}
          />
          <Button type="submit" variant="light" loading={saving}>
            Update presence
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
