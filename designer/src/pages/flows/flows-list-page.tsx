import type { FlowSummary } from '@callflow/schemas';
import { ActionIcon, Alert, Anchor, Badge, Button, Center, FileButton, Group, Loader, Menu, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDots, IconDownload, IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { flowsClient } from '../../api/flows-client';
import { isApiError } from '../../api/http';
import { useCan } from '../../auth';
import { downloadFile } from './download';
import classes from './flows-list-page.module.css';

type Dialog = { type: 'create' } | { type: 'rename'; flow: FlowSummary } | { type: 'delete'; flow: FlowSummary } | null;

const updated = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function messageOf(error: unknown): string {
  if (isApiError(error, 400)) return error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') || error.message;
  return (error as Error).message;
}

/** Asks for a name (new flow, rename). */
function NameDialog({ title, action, initial, opened, onClose, onSubmit }: { title: string; action: string; initial: string; opened: boolean; onClose(): void; onSubmit(name: string): Promise<void> }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setName(initial);
      setError(null);
    }
  }, [opened, initial]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(name.trim());
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={(event) => void submit(event)}>
        <TextInput label="Name" data-autofocus value={name} onChange={(event) => setName(event.currentTarget.value)} error={error} maxLength={120} required />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={name.trim() === ''}>
            {action}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/** `/flows`: every flow of the company with its live version and numbers; create, import, duplicate, rename, delete, export. */
export function FlowsListPage() {
  const canEdit = useCan('admin');
  const navigate = useNavigate();
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setFlows(await flowsClient.list());
      setError(null);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const importFile = async (file: File | null) => {
    if (!file) return;
    let content: unknown;
    try {
      content = JSON.parse(await file.text());
    } catch {
      notifications.show({ color: 'red', title: `Cannot import ${file.name}`, message: 'The file is not JSON.' });
      return;
    }
    try {
      const created = await flowsClient.importFile(content);
      notifications.show({ color: 'teal', title: 'Flow imported', message: `“${created.name}” was created from ${file.name}.` });
      void navigate(`/flows/${created.id}`);
    } catch (caught) {
      notifications.show({ color: 'red', title: `Cannot import ${file.name}`, message: messageOf(caught) });
    }
  };
  const duplicate = async (flow: FlowSummary) => {
    try {
      const copy = await flowsClient.duplicate(flow.id);
      notifications.show({ color: 'teal', title: 'Flow duplicated', message: `“${copy.name}” has the draft of “${flow.name}”.` });
      await load();
    } catch (caught) {
      notifications.show({ color: 'red', title: 'Could not duplicate', message: messageOf(caught) });
    }
  };
  const exportFile = async (flow: FlowSummary) => {
    try {
      const file = await flowsClient.exportFile(flow.id);
      downloadFile(file.text, file.filename);
    } catch (caught) {
      notifications.show({ color: 'red', title: 'Could not export', message: messageOf(caught) });
    }
  };
  const remove = async (flow: FlowSummary) => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await flowsClient.remove(flow.id);
      setDialog(null);
      notifications.show({ color: 'teal', title: 'Flow deleted', message: `“${flow.name}” and its versions are gone.` });
      await load();
    } catch (caught) {
      setDeleteError(messageOf(caught));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <div className={classes.page}>
      <Group justify="space-between" mb="lg">
        <div>
          <Title order={1} fz="h2">
            Flows
          </Title>
          <Text size="sm" c="dimmed">
            What callers hear and where their calls go. Edit a draft, publish it as a version.
          </Text>
        </div>
        {canEdit && (
          <Group gap="xs">
            <FileButton onChange={(file) => void importFile(file)} accept="application/json,.json">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFileImport size={16} />}>
                  Import a flow file
                </Button>
              )}
            </FileButton>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ type: 'create' })}>
              New flow
            </Button>
          </Group>
        )}
      </Group>
      {error !== null && (
        <Alert color="red" variant="light" mb="md" title="Flows cannot be listed">
          {error}
        </Alert>
      )}
      {flows === null && error === null && (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      )}
      {flows !== null && flows.length === 0 && (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap={4}>
            <Text fw={600}>No flows yet</Text>
            <Text size="sm" c="dimmed">
              {canEdit ? 'Create one, or import a flow file.' : 'An admin creates them.'}
            </Text>
          </Stack>
        </Paper>
      )}
      {flows !== null && flows.length > 0 && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Flows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Live version</Table.Th>
                <Table.Th>Numbers</Table.Th>
                <Table.Th>Updated</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {flows.map((flow) => (
                <Table.Tr key={flow.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/flows/${flow.id}`} fw={600} c="dark">
                      {flow.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {flow.activeVersion ? (
                      <Group gap={6}>
                        <Badge variant="light" color="indigo" radius="sm">
                          v{flow.activeVersion.number}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          since {updated(flow.activeVersion.publishedAt)}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Not published
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {flow.numbers.length > 0 ? (
                      <Group gap={4}>
                        {flow.numbers.map((number) => (
                          <Badge key={number} variant="default" radius="sm" tt="none" ff="monospace">
                            {number}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        None
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{updated(flow.updatedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" shadow="md">
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${flow.name}`}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {canEdit && (
                          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setDialog({ type: 'rename', flow })}>
                            Rename
                          </Menu.Item>
                        )}
                        {canEdit && (
                          <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => void duplicate(flow)}>
                            Duplicate
                          </Menu.Item>
                        )}
                        <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => void exportFile(flow)}>
                          Export draft
                        </Menu.Item>
                        {canEdit && (
                          <>
                            <Menu.Divider />
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={16} />}
                              onClick={() => {
                                setDeleteError(null);
                                setDialog({ type: 'delete', flow });
                              }}
                            >
                              Delete
                            </Menu.Item>
                          </>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <NameDialog
        title="New flow"
        action="Create"
        initial=""
        opened={dialog?.type === 'create'}
        onClose={() => setDialog(null)}
        onSubmit={async (name) => {
          const created = await flowsClient.create(name);
          setDialog(null);
          void navigate(`/flows/${created.id}`);
        }}
      />
      <NameDialog
        title="Rename flow"
        action="Rename"
        initial={dialog?.type === 'rename' ? dialog.flow.name : ''}
        opened={dialog?.type === 'rename'}
        onClose={() => setDialog(null)}
        onSubmit={async (name) => {
          if (dialog?.type !== 'rename') return;
          await flowsClient.rename(dialog.flow.id, name);
          setDialog(null);
          await load();
        }}
      />
      <Modal opened={dialog?.type === 'delete'} onClose={() => setDialog(null)} title="Delete this flow?" centered>
        {dialog?.type === 'delete' && (
          <>
            <Text size="sm">
              “{dialog.flow.name}”, its draft and its {dialog.flow.activeVersion ? 'published versions' : 'history'} are deleted for good. Past calls keep
              their records.
            </Text>
            {deleteError !== null && (
              <Alert color="red" variant="light" mt="md" role="alert">
                {deleteError}
              </Alert>
            )}
            <Group justify="flex-end" mt="lg">
              <Button variant="default" onClick={() => setDialog(null)}>
                Keep it
              </Button>
              <Button color="red" loading={deleting} onClick={() => void remove(dialog.flow)}>
                Delete flow
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </div>
  );
}
