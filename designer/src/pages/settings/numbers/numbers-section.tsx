import type { PhoneNumber } from '@callflow/schemas';
import { ActionIcon, Badge, Button, Group, Menu, Select, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconShoppingCart, IconTrash } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { flowsClient } from '../../../api/flows-client';
import { settingsClient } from '../../../api/settings-client';
import { useCan } from '../../../auth';
import { feedbackOf } from '../form-feedback';
import { sectionOf } from '../settings-sections';
import { EditorDrawer, LoadError, RemoveDialog, SectionHeader } from '../settings-ui';
import classes from '../settings.module.css';
import { useLoaded } from '../use-loaded';
import { AddNumberForm, flowOptions, PurchaseNumberPanel } from './number-forms';

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function lastCall(at: string | null): string {
  return at === null ? 'Never' : new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function NumbersSection() {
  const section = sectionOf('numbers');
  const canEdit = useCan(section.edit);
  const numbers = useLoaded(useCallback(() => settingsClient.numbers.list(BROWSER_TIME_ZONE), []));
  const flows = useLoaded(useCallback(() => flowsClient.list(), []));
  const [panel, setPanel] = useState<'add' | 'purchase' | null>(null);
  const [removing, setRemoving] = useState<PhoneNumber | null>(null);
  const flowList = flows.data ?? [];

  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    setPanel(null);
    numbers.reload();
  };

  const assign = async (number: PhoneNumber, flowId: string | null) => {
    try {
      const updated = await settingsClient.numbers.update(number.id, { flowId });
      done(updated.flow ? `${updated.number} now runs ${updated.flow.name}` : `${updated.number} is unassigned`);
    } catch (error) {
      const { problem } = feedbackOf(error, {});
      notifications.show({ color: 'red', title: problem?.title, message: problem?.message });
    }
  };

  return (
    <>
      <SectionHeader
        title={section.label}
        description={section.description}
        action={
          canEdit && (
            <Group gap="xs">
              <Button variant="default" leftSection={<IconShoppingCart size={16} />} onClick={() => setPanel('purchase')}>
                Buy a number
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setPanel('add')}>
                Add number
              </Button>
            </Group>
          )
        }
      />
      <LoadError error={numbers.error ?? flows.error} />
      <Table className={classes.table} verticalSpacing="sm" aria-label="Numbers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Label</Table.Th>
            <Table.Th w={280}>Flow</Table.Th>
            <Table.Th>Last call</Table.Th>
            <Table.Th ta="right">Calls today</Table.Th>
            {canEdit && <Table.Th w={40} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(numbers.data ?? []).map((number) => (
            <Table.Tr key={number.id}>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm" ff="monospace">
                    {number.number}
                  </Text>
                  {number.source === 'purchased' && (
                    <Tooltip label="Bought here: released at the carrier when removed">
                      <Badge size="xs" variant="light" color="gray">
                        purchased
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{number.label || '—'}</Table.Td>
              <Table.Td>
                {canEdit ? (
                  <Select
                    aria-label={`Flow of ${number.number}`}
                    size="xs"
                    data={flowOptions(flowList)}
                    value={number.flow?.id ?? null}
                    placeholder="Unassigned"
                    clearable
                    onChange={(flowId) => void assign(number, flowId)}
                  />
                ) : (
                  (number.flow?.name ?? <span className={classes.muted}>Unassigned</span>)
                )}
              </Table.Td>
              <Table.Td>{lastCall(number.lastCallAt)}</Table.Td>
              <Table.Td ta="right">{number.callsToday}</Table.Td>
              {canEdit && (
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${number.number}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(number)}>
                        {number.source === 'purchased' ? 'Release number' : 'Remove number'}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {!numbers.loading && (numbers.data ?? []).length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={canEdit ? 6 : 5}>
                <Text size="sm" c="dimmed" ta="center" py="md">
                  No numbers yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Calls today count from midnight in {BROWSER_TIME_ZONE}.
      </Text>

      <EditorDrawer title={panel === 'purchase' ? 'Buy a number' : 'Add number'} opened={panel !== null} onClose={() => setPanel(null)}>
        {panel === 'add' && (
          <AddNumberForm
            flows={flowList}
            onCancel={() => setPanel(null)}
            onSubmit={async (body) => {
              const added = await settingsClient.numbers.add(body);
              done(`${added.number} added`);
            }}
          />
        )}
        {panel === 'purchase' && (
          <PurchaseNumberPanel
            flows={flowList}
            search={settingsClient.numbers.available}
            onCancel={() => setPanel(null)}
            purchase={async (body) => {
              const bought = await settingsClient.numbers.purchase(body);
              done(`${bought.number} bought`);
            }}
          />
        )}
      </EditorDrawer>
      <RemoveDialog
        what={removing ? `number ${removing.number}` : 'number'}
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          await settingsClient.numbers.remove(removing!.id);
          done(`${removing!.number} removed`);
        }}
      />
    </>
  );
}
