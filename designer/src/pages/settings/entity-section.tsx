import { Anchor, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useCan } from '../../auth';
import { sectionOf, type SettingsSectionId } from './settings-sections';
import { AddButton, EditorDrawer, LoadError, RemoveDialog, SectionHeader, type EditorDrawerProps } from './settings-ui';
import classes from './settings.module.css';
import type { Loaded } from './use-loaded';

export interface Column<T> {
  label: string;
  render(item: T): ReactNode;
  align?: 'right';
}

export interface EditorContext<T> {
  /** The entity being edited; null for a new one. */
  item: T | null;
  /** After a save: tells the user, closes the drawer and reloads the list. */
  saved(message: string): void;
  close(): void;
  /** Keeps the drawer open on the entity as it now is (after a change that is not the form's save). */
  replace(item: T): void;
}

export interface EntitySectionProps<T extends { id: string; name: string }> {
  sectionId: SettingsSectionId;
  /** "agent", "ring group"… */
  noun: string;
  items: Loaded<T[]>;
  columns: Array<Column<T>>;
  editor(context: EditorContext<T>): ReactNode;
  remove(item: T): Promise<void>;
  /** Shown above the table. */
  children?: ReactNode;
  drawerSize?: EditorDrawerProps['size'];
}

/**
 * A settings section listing one kind of entity: a table for everybody who may see it; those who may change it click
 * a row (or "New …") to edit in a drawer, and remove from there. A removal still referenced elsewhere is refused (409)
 * and the dialog says by what.
 */
export function EntitySection<T extends { id: string; name: string }>({ sectionId, noun, items, columns, editor, remove, children, drawerSize }: EntitySectionProps<T>) {
  const section = sectionOf(sectionId);
  const canEdit = useCan(section.edit);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);
  const list = items.data ?? [];
  const item = editing === 'new' ? null : editing;

  const saved = (message: string) => {
    notifications.show({ color: 'teal', message });
    setEditing(null);
    items.reload();
  };

  return (
    <>
      <SectionHeader title={section.label} description={section.description} action={canEdit && <AddButton onClick={() => setEditing('new')}>New {noun}</AddButton>} />
      <LoadError error={items.error} />
      {children}
      <Table className={classes.table} highlightOnHover={canEdit} verticalSpacing="sm" aria-label={section.label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} ta={column.align}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((entry) => (
            <Table.Tr
              key={entry.id}
              className={canEdit ? classes.clickable : undefined}
              {...(canEdit && {
                tabIndex: 0,
                onClick: () => setEditing(entry),
                onKeyDown: (event: React.KeyboardEvent) => event.key === 'Enter' && setEditing(entry),
              })}
            >
              {columns.map((column) => (
                <Table.Td key={column.label} ta={column.align}>
                  {column.render(entry)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          {!items.loading && list.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text size="sm" c="dimmed" ta="center" py="md">
                  No {noun}s yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>

      <EditorDrawer title={item ? item.name : `New ${noun}`} opened={editing !== null} onClose={() => setEditing(null)} size={drawerSize}>
        {editing !== null && (
          <Stack gap="lg">
            {editor({ item, saved, close: () => setEditing(null), replace: setEditing })}
            {item && (
              <Anchor component="button" type="button" c="red" size="sm" onClick={() => setRemoving(item)}>
                Remove this {noun}
              </Anchor>
            )}
          </Stack>
        )}
      </EditorDrawer>
      <RemoveDialog
        what={removing ? `${noun} “${removing.name}”` : noun}
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          await remove(removing!);
          saved(`${removing!.name} removed`);
        }}
      />
    </>
  );
}
