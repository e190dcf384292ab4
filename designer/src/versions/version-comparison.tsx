import { Alert, Button, Center, Group, Loader, Paper, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { FlowsClient } from '../api/flows-client';
import type { DraftDocument } from '../document/draft-document';
import { readFlowDocument } from '../document/flow-files';
import { DiffCanvas } from './diff-canvas';
import { diffView, type DiffView } from './diff-view';
import type { VersionPair } from './versions-drawer';

function editable(document: unknown): DraftDocument {
  const read = readFlowDocument(document);
  if (!read.ok) throw new Error(read.error);
  return read.document;
}

/** Two published versions drawn as one diff on the canvas, until closed. */
export function VersionComparison({ flowId, client, pair, onClose }: { flowId: string; client: FlowsClient; pair: VersionPair; onClose(): void }) {
  const [view, setView] = useState<DiffView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setView(null);
    setError(null);
    void (async () => {
      try {
        const [from, to, diff] = await Promise.all([client.version(flowId, pair.from), client.version(flowId, pair.to), client.diffVersions(flowId, pair.from, pair.to)]);
        if (current) setView(diffView(editable(from.document), editable(to.document), diff.diff));
      } catch (caught) {
        if (current) setError((caught as Error).message);
      }
    })();
    return () => {
      current = false;
    };
  }, [client, flowId, pair.from, pair.to]);

  return (
    <div style={{ position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column' }} aria-label="Version comparison">
      <Paper radius={0} px="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Text size="sm">
            Comparing version {pair.from} with version {pair.to} · read only
          </Text>
          <Button size="compact-sm" variant="default" leftSection={<IconX size={14} />} onClick={onClose}>
            Back to the draft
          </Button>
        </Group>
      </Paper>
      <div style={{ position: 'relative', flex: 1, minHeight: 0 }}>
        {error !== null && (
          <Center h="100%">
            <Alert color="red" variant="light" title="Cannot compare these versions">
              {error}
            </Alert>
          </Center>
        )}
        {view === null && error === null && (
          <Center h="100%">
            <Loader size="sm" />
          </Center>
        )}
        {view !== null && (
          <ReactFlowProvider>
            <DiffCanvas view={view} title={`v${pair.from} → v${pair.to}`} />
          </ReactFlowProvider>
        )}
      </div>
    </div>
  );
}
