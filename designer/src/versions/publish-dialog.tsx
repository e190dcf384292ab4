import type { FlowDiagnostic, FlowDiffResponse, PublishedFlowVersion } from '@callflow/schemas';
import { Alert, Button, Group, Loader, Modal, ScrollArea, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { FlowsClient } from '../api/flows-client';
import { isApiError } from '../api/http';
import { DiffSummary, sideName } from './diff-summary';

interface PublishDialogProps {
  flowId: string;
  client: FlowsClient;
  opened: boolean;
  onClose(): void;
  /** Saves what is not saved yet; resolves to the draft revision to publish, or an explanation why it cannot be saved. */
  saveDraft(): Promise<{ revision: number } | { problem: string }>;
  onPublished(version: PublishedFlowVersion): void;
  /** Brings a node into view in the editor. */
  onFocusNode(nodeId: string): void;
}

type Preparation = { status: 'preparing' } | { status: 'failed'; message: string } | { status: 'ready'; revision: number; diff: FlowDiffResponse };

const SEVERITY_ICONS = { error: IconAlertCircle, warning: IconAlertTriangle, info: IconInfoCircle } as const;
const SEVERITY_COLORS = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** Refused diagnostics grouped by node, in the order the API gave them; flow-wide ones first. */
export function diagnosticsByNode(diagnostics: readonly FlowDiagnostic[]): Array<{ nodeId: string | null; diagnostics: FlowDiagnostic[] }> {
  const groups = new Map<string | null, FlowDiagnostic[]>();
  for (const diagnostic of diagnostics) {
    const key = diagnostic.nodeId ?? null;
    groups.set(key, [...(groups.get(key) ?? []), diagnostic]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : 0)).map(([nodeId, list]) => ({ nodeId, diagnostics: list }));
}

function RefusalList({ diagnostics, onFocusNode }: { diagnostics: FlowDiagnostic[]; onFocusNode(nodeId: string): void }) {
  return (
    <ScrollArea.Autosize mah={220}>
      <Stack gap="xs" aria-label="Why the flow cannot be published">
        {diagnosticsByNode(diagnostics).map(({ nodeId, diagnostics: list }) => (
          <div key={nodeId ?? '(flow)'}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {nodeId === null ? 'Flow' : `Node ${nodeId}`}
            </Text>
            {list.map((diagnostic, index) => {
              const Icon = SEVERITY_ICONS[diagnostic.severity];
              const row = (
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Icon size={16} color={`var(--mantine-color-${SEVERITY_COLORS[diagnostic.severity]}-6)`} style={{ flexShrink: 0, marginTop: 2 }} />
                  <Text size="sm">{diagnostic.message}</Text>
                </Group>
              );
              return nodeId === null ? (
                <div key={index}>{row}</div>
              ) : (
                <UnstyledButton key={index} onClick={() => onFocusNode(nodeId)} display="block" w="100%" py={2} title="Show this node">
                  {row}
                </UnstyledButton>
              );
            })}
          </div>
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}

/** Publish the draft as the next version: what it changes against the active version, notes, and the API's verdict. */
export function PublishDialog({ flowId, client, opened, onClose, saveDraft, onPublished, onFocusNode }: PublishDialogProps) {
  const [preparation, setPreparation] = useState<Preparation>({ status: 'preparing' });
  const [notes, setNotes] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; diagnostics: FlowDiagnostic[] } | null>(null);

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setPreparation({ status: 'preparing' });
    setRefusal(null);
    void (async () => {
      try {
        const saved = await saveDraft();
        if ('problem' in saved) {
          if (current) setPreparation({ status: 'failed', message: saved.problem });
          return;
        }
        const diff = await client.draftDiff(flowId);
        if (current) setPreparation({ status: 'ready', revision: saved.revision, diff });
      } catch (error) {
        if (current) setPreparation({ status: 'failed', message: (error as Error).message });
      }
    })();
    return () => {
      current = false;
    };
  }, [opened, client, flowId, saveDraft]);

  const publish = async () => {
    if (preparation.status !== 'ready') return;
    setPublishing(true);
    setRefusal(null);
    try {
      const result = await client.publish(flowId, notes, preparation.revision);
      if (result.status === 'published') {
        setNotes('');
        onPublished(result.version);
      } else {
        setRefusal({ message: result.message, diagnostics: result.diagnostics });
      }
    } catch (error) {
      const message = isApiError(error, 409) ? 'The draft changed since this dialog opened. Close it and publish again.' : (error as Error).message;
      setRefusal({ message, diagnostics: [] });
    } finally {
      setPublishing(false);
    }
  };

  const focus = (nodeId: string) => {
    onClose();
    onFocusNode(nodeId);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Publish the draft" size="lg" centered>
      {preparation.status === 'preparing' && (
        <Group gap="sm" py="md">
          <Loader size="sm" />
          <Text size="sm">Saving the draft and comparing it with the live version…</Text>
        </Group>
      )}
      {preparation.status === 'failed' && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Cannot publish yet">
          {preparation.message}
        </Alert>
      )}
      {preparation.status === 'ready' && (
        <Stack gap="md">
          <div>
            <Text size="sm" fw={600} mb={6}>
              Changes from {sideName(preparation.diff.from)} to this draft
            </Text>
            <ScrollArea.Autosize mah={240}>
              <DiffSummary diff={preparation.diff.diff} />
            </ScrollArea.Autosize>
          </div>
          <Textarea
            label="Notes"
            description="What changed and why: shown in the version list."
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
          />
          {refusal && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Not published" role="alert">
              <Stack gap="xs">
                <Text size="sm">{refusal.message}</Text>
                {refusal.diagnostics.length > 0 && <RefusalList diagnostics={refusal.diagnostics} onFocusNode={focus} />}
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void publish()} loading={publishing}>
              Publish version
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
