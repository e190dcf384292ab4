import { Alert, Button, Drawer, Group, List, Modal, Select, Stack, Text, Title, type SelectProps } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { feedbackOf, type FormProblem } from './form-feedback';

/** Title and purpose of a settings section, with its main action for those allowed to take it. */
export function SectionHeader({ title, description, action }: { title: string; description: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
      <div>
        <Title order={2} fz="xl">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </div>
      {action}
    </Group>
  );
}

export function AddButton({ children, onClick }: { children: ReactNode; onClick(): void }) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick}>
      {children}
    </Button>
  );
}

export function ProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (problem === null) return null;
  return (
    <Alert color="red" variant="light" title={problem.title} icon={<IconAlertTriangle size={18} />} role="alert">
      <Text size="sm">{problem.message}</Text>
      {problem.details.length > 0 && (
        <List size="sm" mt={4}>
          {problem.details.map((detail) => (
            <List.Item key={detail}>{detail}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Shown while a list cannot be loaded. */
export function LoadError({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <Alert color="red" variant="light" title="Could not load" mb="md">
      {error}
    </Alert>
  );
}

export interface EditorDrawerProps {
  title: string;
  opened: boolean;
  onClose(): void;
  size?: 'lg' | 'xl';
  children: ReactNode;
}

/** The side panel in which an entity is created or changed. */
export function EditorDrawer({ title, opened, onClose, size = 'lg', children }: EditorDrawerProps) {
  return (
    <Drawer opened={opened} onClose={onClose} title={<Text fw={600}>{title}</Text>} position="right" size={size} padding="lg">
      {children}
    </Drawer>
  );
}

/** Save/cancel row of a form, with what the form's own check could not place on a field. */
export function FormFooter({ saving, onCancel, generalError, submitLabel = 'Save' }: { saving: boolean; onCancel(): void; generalError?: ReactNode; submitLabel?: string }) {
  return (
    <Stack gap="sm" mt="md">
      {generalError ? (
        <Text size="sm" c="red" role="alert">
          {generalError}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={saving}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}

/** Asks before removing; a refusal (409: still referenced) is shown with what refers to it. */
export function RemoveDialog({ what, opened, onClose, onConfirm }: { what: string; opened: boolean; onClose(): void; onConfirm(): Promise<void> }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [removing, setRemoving] = useState(false);
  const close = () => {
    setProblem(null);
    onClose();
  };
  const confirm = async () => {
    setRemoving(true);
    try {
      await onConfirm();
      close();
    } catch (error) {
      const { problem: refused } = feedbackOf(error, {});
      setProblem(refused && { ...refused, title: refused.title === 'Conflict' ? 'Still in use' : refused.title });
    } finally {
      setRemoving(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>Remove {what}?</Text>} centered>
      <Stack>
        <Text size="sm">This cannot be undone.</Text>
        <ProblemAlert problem={problem} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" loading={removing} onClick={() => void confirm()}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** IANA time zones; the list of the runtime, with UTC, which some runtimes leave out of it. */
const TIME_ZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  return <Select searchable limit={50} data={TIME_ZONES} allowDeselect={false} {...props} />;
}

/** Seconds as people read them: "45 s", "2 min", "1 h 30 min". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}
