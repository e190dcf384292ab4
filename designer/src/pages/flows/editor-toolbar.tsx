import type { FlowSummary } from '@callflow/schemas';
import { ActionIcon, Badge, Button, FileButton, Group, Loader, Menu, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowLeft,
  IconCheck,
  IconChevronDown,
  IconCloudUpload,
  IconDownload,
  IconFileImport,
  IconFocus2,
  IconHistory,
  IconLayoutDistributeHorizontal,
  IconTemplate,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCan } from '../../auth';
import { validationOf } from '../../diagnostics/validation';
import type { DraftDocument } from '../../document/draft-document';
import { exampleDocument } from '../../document/examples';
import { flowFileName, readFlowFile, writeFlowFile } from '../../document/flow-files';
import { useEditor } from '../../store/editor-context';
import type { EditorCommands } from './flow-editor';
import { downloadFile } from './download';

interface EditorToolbarProps {
  flow: FlowSummary;
  commands: EditorCommands;
  onPublish(): void;
  onVersions(): void;
}

/** Where the draft stands with the API: saving, saved, not yet saved, or refused. */
function SaveStatus() {
  const status = useEditor((state) => {
    if (state.saveConflict !== null) return 'conflict';
    if (state.saving) return 'saving';
    if (state.saveError !== null) return 'failed';
    return state.document === state.savedDocument ? 'saved' : 'unsaved';
  });
  const error = useEditor((state) => state.saveError);
  switch (status) {
    case 'saving':
      return (
        <Group gap={6} c="dimmed" wrap="nowrap" aria-live="polite">
          <Loader size={12} />
          <Text size="xs">Saving…</Text>
        </Group>
      );
    case 'saved':
      return (
        <Group gap={4} c="dimmed" wrap="nowrap" aria-live="polite">
          <IconCheck size={14} />
          <Text size="xs">Saved</Text>
        </Group>
      );
    case 'unsaved':
      return (
        <Text size="xs" c="dimmed" aria-live="polite">
          Unsaved changes
        </Text>
      );
    case 'failed':
      return (
        <Tooltip label={error}>
          <Badge variant="light" color="red" radius="sm" leftSection={<IconAlertTriangle size={12} />}>
            Not saved
          </Badge>
        </Tooltip>
      );
    case 'conflict':
      return (
        <Badge variant="light" color="orange" radius="sm" leftSection={<IconAlertTriangle size={12} />}>
          Save conflict
        </Badge>
      );
  }
}

export function EditorToolbar({ flow, commands, onPublish, onVersions }: EditorToolbarProps) {
  const canEdit = useCan('admin');
  const counts = useEditor((state) => validationOf(state.document, state.directory).counts);
  const canUndo = useEditor((state) => state.history.past.length > 0);
  const canRedo = useEditor((state) => state.history.future.length > 0);
  const undo = useEditor((state) => state.undo);
  const redo = useEditor((state) => state.redo);
  const replaceContent = useEditor((state) => state.replaceContent);
  const document = useEditor((state) => state.document);

  const replaceWith = (next: DraftDocument) => replaceContent({ ...next, metadata: { ...next.metadata, name: document.metadata.name } });
  const openFile = async (file: File | null) => {
    if (!file) return;
    const read = readFlowFile(await file.text());
    if (read.ok) replaceWith(read.document);
    else notifications.show({ color: 'red', title: `Cannot open ${file.name}`, message: read.error });
  };

  return (
    <Group justify="space-between" px="md" h="100%" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Tooltip label="All flows">
          <ActionIcon component={Link} to="/flows" variant="subtle" color="gray" size="lg" aria-label="All flows">
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Title order={1} fz="lg" lineClamp={1}>
          {flow.name}
        </Title>
        {flow.activeVersion ? (
          <Badge variant="light" color="indigo" radius="sm">
            v{flow.activeVersion.number} live
          </Badge>
        ) : (
          <Badge variant="light" color="gray" radius="sm">
            Not published
          </Badge>
        )}
        {counts.error > 0 ? (
          <Badge variant="light" color="red" radius="sm">
            {counts.error} error{counts.error === 1 ? '' : 's'}
          </Badge>
        ) : (
          <Badge variant="light" color="teal" radius="sm">
            Valid
          </Badge>
        )}
        {canEdit ? (
          <SaveStatus />
        ) : (
          <Text size="xs" c="dimmed">
            Read only
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        <Tooltip label="Undo (Ctrl+Z)">
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Undo" disabled={!canUndo} onClick={undo}>
            <IconArrowBackUp size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Redo (Ctrl+Y)">
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Redo" disabled={!canRedo} onClick={redo}>
            <IconArrowForwardUp size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Arrange automatically">
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Arrange automatically" onClick={commands.autoLayout}>
            <IconLayoutDistributeHorizontal size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Fit to view">
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Fit to view" onClick={commands.fitView}>
            <IconFocus2 size={18} />
          </ActionIcon>
        </Tooltip>
        <Menu position="bottom-end" shadow="md">
          <Menu.Target>
            <Button variant="default" rightSection={<IconChevronDown size={14} />} ml="xs">
              File
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {canEdit && (
              <>
                <FileButton onChange={(file) => void openFile(file)} accept="application/json,.json">
                  {(props) => (
                    <Menu.Item {...props} leftSection={<IconFileImport size={16} />}>
                      Replace with a flow file…
                    </Menu.Item>
                  )}
                </FileButton>
                <Menu.Item leftSection={<IconTemplate size={16} />} onClick={() => replaceWith(exampleDocument())}>
                  Replace with the example
                </Menu.Item>
              </>
            )}
            <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => downloadFile(writeFlowFile(document), flowFileName({ ...document, metadata: { ...document.metadata, name: flow.name } }))}>
              Export draft
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button variant="default" leftSection={<IconHistory size={16} />} onClick={onVersions}>
          Versions
        </Button>
        {canEdit && (
          <Button leftSection={<IconCloudUpload size={16} />} onClick={onPublish}>
            Publish
          </Button>
        )}
      </Group>
    </Group>
  );
}
