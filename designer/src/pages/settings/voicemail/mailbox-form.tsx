import { CreateMailboxBodySchema, type AgentView, type CreateMailboxBody, type Mailbox } from '@callflow/schemas';
import { Fieldset, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import { errorUnder } from '../form-feedback';
import { nullIfBlank, numberOf, type NumberValue } from '../form-values';
import { FormFooter, ProblemAlert } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';

export interface MailboxFormValues {
  name: string;
  extension: string;
  ownerAgentId: string;
  greeting: { type: 'default' | 'tts' | 'audio'; text: string; voice: string; language: string; url: string };
  notifyEmails: string[];
  notifySms: string[];
  transcribe: boolean;
  maxLengthSecs: NumberValue;
}

export function mailboxFormValues(mailbox: Mailbox | null): MailboxFormValues {
  const greeting = mailbox?.greeting ?? null;
  return {
    name: mailbox?.name ?? '',
    extension: mailbox?.extension ?? '',
    ownerAgentId: mailbox?.ownerAgentId ?? '',
    greeting: {
      type: greeting?.type ?? 'default',
      text: greeting?.type === 'tts' ? greeting.text : '',
      voice: greeting?.type === 'tts' ? greeting.voice : 'female',
      language: greeting?.type === 'tts' ? greeting.language : 'en-US',
      url: greeting?.type === 'audio' ? greeting.url : '',
    },
    notifyEmails: mailbox?.notifyEmails ?? [],
    notifySms: mailbox?.notifySms ?? [],
    transcribe: mailbox?.transcribe ?? true,
    maxLengthSecs: mailbox?.maxLengthSecs ?? 120,
  };
}

function greetingOf({ type, text, voice, language, url }: MailboxFormValues['greeting']) {
  if (type === 'default') return null;
  if (type === 'tts') return { type, text, voice: voice.trim(), language: language.trim() };
  return { type, url: url.trim() };
}

export function mailboxBody(values: MailboxFormValues): Record<keyof CreateMailboxBody, unknown> {
  return {
    name: values.name.trim(),
    extension: nullIfBlank(values.extension),
    ownerAgentId: nullIfBlank(values.ownerAgentId),
    greeting: greetingOf(values.greeting),
    notifyEmails: values.notifyEmails,
    notifySms: values.notifySms,
    transcribe: values.transcribe,
    maxLengthSecs: numberOf(values.maxLengthSecs),
  };
}

export function MailboxForm({ mailbox, agents, onSubmit, onCancel }: { mailbox: Mailbox | null; agents: AgentView[]; onSubmit(body: CreateMailboxBody): Promise<void>; onCancel(): void }) {
  const { form, submit, problem, saving } = useSettingsForm({ initialValues: mailboxFormValues(mailbox), schema: CreateMailboxBodySchema, toBody: mailboxBody, onSubmit });
  const greeting = form.getValues().greeting;

  return (
    <form onSubmit={submit} noValidate aria-label="Voicemail box">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={2}>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput label="Extension" placeholder="Optional" {...form.getInputProps('extension')} />
        </SimpleGrid>
        <Select
          label="Owner"
          description="Whose messages these are; none for a shared box"
          data={agents.map((agent) => ({ value: agent.id, label: `${agent.name} (${agent.extension})` }))}
          clearable
          searchable
          placeholder="Shared box"
          {...form.getInputProps('ownerAgentId')}
        />
        <Fieldset legend="Greeting">
          <Stack gap="sm">
            <SegmentedControl
              data={[
                { value: 'default', label: 'Default' },
                { value: 'tts', label: 'Text to speech' },
                { value: 'audio', label: 'Audio file' },
              ]}
              {...form.getInputProps('greeting.type')}
            />
            {greeting.type === 'tts' && (
              <>
                <Textarea label="What to say" autosize minRows={2} withAsterisk {...form.getInputProps('greeting.text')} />
                <SimpleGrid cols={2}>
                  <TextInput label="Voice" {...form.getInputProps('greeting.voice')} />
                  <TextInput label="Language" {...form.getInputProps('greeting.language')} />
                </SimpleGrid>
              </>
            )}
            {greeting.type === 'audio' && <TextInput label="Audio URL" placeholder="https://…/greeting.mp3" withAsterisk {...form.getInputProps('greeting.url')} />}
          </Stack>
        </Fieldset>
        <Fieldset legend="Tell about new messages">
          <Stack gap="sm">
            <TagsInput label="E-mail addresses" placeholder="Type and press Enter" {...form.getInputProps('notifyEmails')} error={errorUnder(form.errors, 'notifyEmails')} />
            <TagsInput label="Text messages to" placeholder="+14155550123" {...form.getInputProps('notifySms')} error={errorUnder(form.errors, 'notifySms')} />
          </Stack>
        </Fieldset>
        <SimpleGrid cols={2}>
          <NumberInput label="Longest message" suffix=" s" min={5} max={600} {...form.getInputProps('maxLengthSecs')} />
          <Switch mt={28} label="Transcribe messages" {...form.getInputProps('transcribe', { type: 'checkbox' })} />
        </SimpleGrid>
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} />
    </form>
  );
}
