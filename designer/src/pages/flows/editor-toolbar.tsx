import { ActionIcon, Badge, Button, FileButton, Group, Menu, Modal, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconChevronDown,
  IconDownload,
  IconFileImport,
  IconFocus2,
  IconLayoutDistributeHorizontal,
  IconPlus,
  IconTemplate,
} from '@tabler/icons-react';
import { useState } from 'react';
import { validationOf } from '../diagnostics/validation';
import type { DraftDocument } from '../document/draft-document';
import { exampleDocument } from '../document/examples';
import { flowFileName, readFlowFile, writeFlowFile } from '../document/flow-files';
import { newDocument } from '../store/document-ops';
import { useEditor } from '../store/editor-context';
import type { DocumentSource } from '../store/editor-state';

interface EditorToolbarProps {
  onAutoLayout(): void;
  onFitView(): void;
}

function download(document: DraftDocument): void {
  const url = URL.createObjectURL(new Blob([writeFlowFile(document)], { type: 'application/json' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = flowFileName(document);
  link.click();
  URL.revokeObjectURL(url);
}

export function EditorToolbar({ onAutoLayout, onFitView }: EditorToolbarProps) {
  const name = useEditor((state) => state.document.metadata.name);
  const unsaved = useEditor((state) => state.document !== state.savedDocument);
  const source = useEditor((state) => state.source);
  const counts = useEditor((state) => validationOf(state.document, state.directory).counts);
  const canUndo = useEditor((state) => state.history.past.length > 0);
  const canRedo = useEditor((state) => state.history.future.length > 0);
  const undo = useEditor((state) => state.undo);
  const redo = useEditor((state) => state.redo);
  const replaceDocument = useEditor((state) => state.replaceDocument);
  const markSaved = useEditor((state) => state.markSaved);
  const document = useEditor((state) => state.document);
  const [pending, setPending] = useState<{ document: DraftDocument; source: DocumentSource } | null>(null);

  const open = (next: DraftDocument, source: DocumentSource) => {
    if (unsaved) setPending({ document: next, source });
    else replaceDocument(next, source);
  };
  const openFile = async (file: File | null) => {
    if (!file) return;
    const read = readFlowFile(await file.text());
    if (read.ok) open(read.document, { type: 'file', name: file.name });
    else notifications.show({ color: 'red', title: `Cannot open ${file.name}`, message: read.error });
  };

  return (
    <Group justify="space-between" px="md" h="100%" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Title order={3} fz="lg" lineClamp={1}>
          {name || 'Untitled flow'}
        </Title>
        {source.type !== 'new' && (
          <Text size="xs" c="dimmed" truncate>
            {source.type === 'example' ? `example · ${source.name}` : source.name}
          </Text>
        )}
        <Badge variant="light" color={unsaved ? 'yellow' : 'gray'} radius="sm">
          {unsaved ? 'Unsaved changes' : 'Saved'}
        </Badge>
        {counts.error > 0 ? (
          <Badge variant="light" color="red" radius="sm">
            {counts.error} error{counts.error === 1 ? '' : 's'}
          </Badge>
        ) : (
          <Badge variant="light" color="teal" radius="sm">
            Valid
          </Badge>
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
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Arrange automatically" onClick={onAutoLayout}>
            <IconLayoutDistributeHorizontal size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Fit to view">
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Fit to view" onClick={onFitView}>
            <IconFocus2 size={18} />
          </ActionIcon>
        </Tooltip>
        <Menu position="bottom-end" shadow="md">
          <Menu.Target>
            <Button variant="default" rightSection={<IconChevronDown size={14} />} ml="xs">
              Open
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <FileButton onChange={(file) => void openFile(file)} accept="application/json,.json">
              {(props) => (
                <Menu.Item {...props} leftSection={<IconFileImport size={16} />}>
                  Flow file…
                </Menu.Item>
              )}
            </FileButton>
            <Menu.Item leftSection={<IconTemplate size={16} />} onClick={() => open(exampleDocument(), { type: 'example', name: 'Front desk' })}>
              Example: front desk
            </Menu.Item>
            <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => open(newDocument('Untitled flow'), { type: 'new' })}>
              New flow
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button
          leftSection={<IconDownload size={16} />}
          onClick={() => {
            download(document);
            markSaved(document);
          }}
        >
          Export
        </Button>
      </Group>
      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Discard unsaved changes?" centered>
        <Text size="sm">This flow has changes that were not exported. Opening another flow discards them.</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setPending(null)}>
            Keep editing
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (pending) replaceDocument(pending.document, pending.source);
              setPending(null);
            }}
          >
            Discard and open
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}
