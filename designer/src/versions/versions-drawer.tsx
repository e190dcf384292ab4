import type { FlowVersionSummary } from '@callflow/schemas';
import { Alert, Badge, Button, Card, Drawer, Group, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconGitCompare } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { FlowsClient } from '../api/flows-client';
import { useCan } from '../auth';

export interface VersionPair {
  from: number;
  to: number;
}

interface VersionsDrawerProps {
  flowId: string;
  client: FlowsClient;
  opened: boolean;
  onClose(): void;
  /** Changes whenever versions may have changed (a publish): the list is read again. */
  refreshKey: number;
  onCompare(pair: VersionPair): void;
  /** Another version became active. */
  onActivated(version: FlowVersionSummary): void;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The published versions, newest first: who, when, notes, which is live; compare any two; roll back (admins). */
export function VersionsDrawer({ flowId, client, opened, onClose, refreshKey, onCompare, onActivated }: VersionsDrawerProps) {
  const canRollBack = useCan('admin');
  const [versions, setVersions] = useState<FlowVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pair, setPair] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [confirming, setConfirming] = useState<FlowVersionSummary | null>(null);
  const [rollingBack, setRollingBack] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await client.versions(flowId);
      const newestFirst = [...list].sort((a, b) => b.number - a.number);
      setVersions(newestFirst);
      setError(null);
      setPair((current) =>
        current.from === null && newestFirst.length >= 2 ? { from: String(newestFirst[1]!.number), to: String(newestFirst[0]!.number) } : current,
      );
    } catch (caught) {
      setError((caught as Error).message);
    }
  }, [client, flowId]);

  useEffect(() => {
    if (opened) void load();
  }, [opened, load, refreshKey]);

  const rollBack = async (version: FlowVersionSummary) => {
    setRollingBack(true);
    try {
      const active = await client.rollback(flowId, version.number);
      notifications.show({ color: 'teal', title: `Version ${active.number} is live again`, message: 'New calls run it; calls in progress keep their version.' });
      setConfirming(null);
      onActivated(active);
      await load();
    } catch (caught) {
      notifications.show({ color: 'red', title: 'Rollback failed', message: (caught as Error).message });
    } finally {
      setRollingBack(false);
    }
  };

  const options = (versions ?? []).map((version) => ({ value: String(version.number), label: `Version ${version.number}` }));
  const active = versions?.find((version) => version.active);

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size={420} title="Versions" padding="md">
      {error !== null && (
        <Alert color="red" variant="light" mb="md">
          {error}
        </Alert>
      )}
      {versions === null && error === null && <Loader size="sm" />}
      {versions !== null && versions.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing is published yet. Publish the draft to create version 1.
        </Text>
      )}
      {versions !== null && versions.length >= 2 && (
        <Card withBorder padding="sm" mb="md">
          <Text size="sm" fw={600} mb="xs">
            Compare two versions
          </Text>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Select label="From" data={options} value={pair.from} onChange={(from) => setPair((current) => ({ ...current, from }))} allowDeselect={false} w={130} />
            <Select label="To" data={options} value={pair.to} onChange={(to) => setPair((current) => ({ ...current, to }))} allowDeselect={false} w={130} />
            <Button
              variant="light"
              leftSection={<IconGitCompare size={16} />}
              disabled={pair.from === null || pair.to === null || pair.from === pair.to}
              onClick={() => onCompare({ from: Number(pair.from), to: Number(pair.to) })}
            >
              Show
            </Button>
          </Group>
        </Card>
      )}
      <Stack gap="sm" aria-label="Published versions">
        {versions?.map((version) => (
          <Card key={version.number} withBorder padding="sm" data-testid={`version-${version.number}`}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs">
                <Text fw={600}>Version {version.number}</Text>
                {version.active && (
                  <Badge color="teal" variant="light" radius="sm">
                    Live
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {when(version.publishedAt)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              by {version.publishedBy?.name ?? 'the system'}
            </Text>
            <Text size="sm" mt="xs" c={version.notes ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
              {version.notes || 'No notes'}
            </Text>
            <Group gap="xs" mt="sm">
              {version.number > 1 && (
                <Button size="xs" variant="subtle" leftSection={<IconGitCompare size={14} />} onClick={() => onCompare({ from: version.number - 1, to: version.number })}>
                  Changes from v{version.number - 1}
                </Button>
              )}
              {canRollBack && !version.active && (
                <Button size="xs" variant="subtle" color="orange" leftSection={<IconArrowBackUp size={14} />} onClick={() => setConfirming(version)}>
                  Roll back to this version
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={`Roll back to version ${confirming?.number ?? ''}?`} centered>
        <Text size="sm">
          Version {confirming?.number} becomes live for new calls{active ? `, replacing version ${active.number}` : ''}. Calls in progress keep the version they
          started on. The draft is not changed.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
          <Button color="orange" loading={rollingBack} onClick={() => confirming && void rollBack(confirming)}>
            Roll back
          </Button>
        </Group>
      </Modal>
    </Drawer>
  );
}
