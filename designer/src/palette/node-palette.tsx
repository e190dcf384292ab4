import type { NodeKind } from '@callflow/schemas';
import { ScrollArea, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { definitionOf, isStartKind, paletteGroups } from '../catalog/node-catalog';
import { NODE_KIND_MIME } from '../canvas/flow-canvas';
import { categoryColors, categoryNames, nodeIcons } from '../canvas/node-appearance';
import { useEditor } from '../store/editor-context';
import classes from './node-palette.module.css';

/** The node catalog by category: drag an entry onto the canvas, or click it to add it in the middle of the view. */
export function NodePalette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const [search, setSearch] = useState('');
  const hasStart = useEditor((state) => state.document.nodes.some((node) => isStartKind(node.kind)));
  const groups = paletteGroups(search);

  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(NODE_KIND_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <Stack gap={0} h="100%">
      <TextInput
        m="sm"
        size="xs"
        placeholder="Search nodes"
        aria-label="Search nodes"
        leftSection={<IconSearch size={14} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      <ScrollArea style={{ flex: 1 }} px="sm">
        {groups.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            No node matches “{search}”.
          </Text>
        )}
        {groups.map((group) => (
          <section key={group.category} aria-label={categoryNames[group.category]} className={classes.group}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
              {categoryNames[group.category]}
            </Text>
            {group.kinds.map((kind) => {
              const { ui } = definitionOf(kind);
              const Icon = nodeIcons[kind];
              const disabled = hasStart && isStartKind(kind);
              return (
                <Tooltip key={kind} label={disabled ? 'A flow has one entry' : ui.description} position="right" multiline w={240} openDelay={400}>
                  <UnstyledButton
                    className={classes.entry}
                    draggable={!disabled}
                    disabled={disabled}
                    data-disabled={disabled || undefined}
                    onDragStart={(event) => onDragStart(event, kind)}
                    onClick={() => onAdd(kind)}
                  >
                    <Icon size={16} stroke={1.8} color={`var(--mantine-color-${categoryColors[ui.category]}-6)`} />
                    <span>{ui.displayName}</span>
                  </UnstyledButton>
                </Tooltip>
              );
            })}
          </section>
        ))}
      </ScrollArea>
    </Stack>
  );
}
