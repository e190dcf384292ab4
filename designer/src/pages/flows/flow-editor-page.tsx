import type { FlowSummary } from '@callflow/schemas';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { flowsClient } from '../../api/flows-client';
import { useCan } from '../../auth';
import type { DraftDocument } from '../../document/draft-document';
import { readFlowDocument } from '../../document/flow-files';
import { EditorStoreProvider, useEditor, useEditorStore } from '../../store/editor-context';
import { createEditorStore, type EditorStore } from '../../store/editor-store';
import { PublishDialog } from '../../versions/publish-dialog';
import { VersionComparison } from '../../versions/version-comparison';
import { VersionsDrawer, type VersionPair } from '../../versions/versions-drawer';
import { startAutosave, type Autosave } from './autosave';
import { loadDirectorySnapshot } from './directory-snapshot';
import { EditorToolbar } from './editor-toolbar';
import { FlowEditor } from './flow-editor';
import { SimulatorModes } from './simulator-modes';

type Loading = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; flow: FlowSummary; store: EditorStore };

function draftOf(draft: unknown): DraftDocument {
  const read = readFlowDocument(draft);
  if (!read.ok) throw new Error(`The stored draft cannot be opened: ${read.error}`);
  return read.document;
}

/** `/flows/:flowId`: the flow's draft in the editor, saved as it is edited. */
export function FlowEditorPage() {
  const { flowId = '' } = useParams();
  const [loading, setLoading] = useState<Loading>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setLoading({ status: 'loading' });
    void (async () => {
      try {
        const [detail, directory] = await Promise.all([flowsClient.get(flowId), loadDirectorySnapshot()]);
        const store = createEditorStore({ document: draftOf(detail.draft), source: { type: 'flow', flowId }, directory, revision: detail.draftRevision });
        const { draft: _draft, ...flow } = detail;
        if (current) setLoading({ status: 'ready', flow, store });
      } catch (error) {
        if (current) setLoading({ status: 'failed', message: (error as Error).message });
      }
    })();
    return () => {
      current = false;
    };
  }, [flowId]);

  if (loading.status === 'loading') {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    );
  }
  if (loading.status === 'failed') {
    return (
      <Center h="100%">
        <Stack align="center" gap="sm">
          <Alert color="red" variant="light" title="This flow cannot be opened">
            {loading.message}
          </Alert>
          <Button component={Link} to="/flows" variant="default">
            All flows
          </Button>
        </Stack>
      </Center>
    );
  }
  return (
    <EditorStoreProvider store={loading.store}>
      <ReactFlowProvider>
        <FlowWorkspace key={flowId} initialFlow={loading.flow} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}

/** Someone else saved first: reload their draft, or keep these changes by saving them over it. */
function ConflictBanner({ onReload, onOverwrite }: { onReload(): void; onOverwrite(): void }) {
  const message = useEditor((state) => state.saveConflict);
  if (message === null) return null;
  return (
    <Alert color="orange" variant="filled" icon={<IconAlertTriangle size={18} />} title="Someone else saved this flow while you were editing" role="alert">
      <Text size="sm">{message} Your latest changes are not saved.</Text>
      <Group gap="xs" mt="sm">
        <Button size="xs" variant="white" color="orange" onClick={onReload}>
          Reload their draft
        </Button>
        <Button size="xs" variant="outline" color="white" onClick={onOverwrite}>
          Keep mine and overwrite
        </Button>
      </Group>
    </Alert>
  );
}

function FlowWorkspace({ initialFlow }: { initialFlow: FlowSummary }) {
  const store = useEditorStore();
  const canEdit = useCan('admin');
  const { fitView } = useReactFlow();
  const [flow, setFlow] = useState(initialFlow);
  const [autosave, setAutosave] = useState<Autosave | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const [comparing, setComparing] = useState<VersionPair | null>(null);

  useEffect(() => {
    if (!canEdit) return;
    const started = startAutosave({ store, save: (document, revision) => flowsClient.saveDraft(flow.id, document, revision) });
    setAutosave(started);
    return () => started.stop();
  }, [store, flow.id, canEdit]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const state = store.getState();
      if (canEdit && state.document !== state.savedDocument) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store, canEdit]);

  const reload = async () => {
    try {
      const detail = await flowsClient.get(flow.id);
      store.getState().replaceDocument(draftOf(detail.draft), { type: 'flow', flowId: flow.id }, detail.draftRevision);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not reload the draft', message: (error as Error).message });
    }
  };
  const overwrite = async () => {
    try {
      const detail = await flowsClient.get(flow.id);
      store.getState().rebase(detail.draftRevision);
      await autosave?.flush();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not save over the draft', message: (error as Error).message });
    }
  };

  const saveDraft = useCallback(async (): Promise<{ revision: number } | { problem: string }> => {
    await autosave?.flush();
    const { saveConflict, saveError, revision, document, savedDocument } = store.getState();
    if (saveConflict !== null) return { problem: 'Someone else saved this flow while you were editing: reload or keep your changes first.' };
    if (saveError !== null || document !== savedDocument || revision === null) return { problem: `The draft could not be saved: ${saveError ?? 'try again'}` };
    return { revision };
  }, [autosave, store]);

  const focusNode = (nodeId: string) => {
    setComparing(null);
    store.getState().select([nodeId]);
    requestAnimationFrame(() => void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 }));
  };

  return (
    <>
      <FlowEditor
        toolbar={(commands) => <EditorToolbar flow={flow} commands={commands} onPublish={() => setPublishing(true)} onVersions={() => setVersionsOpen(true)} />}
        banner={<ConflictBanner onReload={() => void reload()} onOverwrite={() => void overwrite()} />}
        canvasOverride={comparing && <VersionComparison flowId={flow.id} client={flowsClient} pair={comparing} onClose={() => setComparing(null)} />}
        simulator={<SimulatorModes flow={flow} />}
      />
      <PublishDialog
        flowId={flow.id}
        client={flowsClient}
        opened={publishing}
        onClose={() => setPublishing(false)}
        saveDraft={saveDraft}
        onFocusNode={focusNode}
        onPublished={(version) => {
          setPublishing(false);
          setVersionsKey((key) => key + 1);
          setFlow((current) => ({ ...current, activeVersion: { id: version.id, number: version.number, publishedAt: version.publishedAt } }));
          const warnings = version.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
          notifications.show({
            color: 'teal',
            title: `Version ${version.number} is live`,
            message: warnings > 0 ? `Published with ${warnings} warning${warnings === 1 ? '' : 's'}.` : 'New calls run it from now on.',
          });
        }}
      />
      <VersionsDrawer
        flowId={flow.id}
        client={flowsClient}
        opened={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        refreshKey={versionsKey}
        onCompare={(pair) => {
          setComparing(pair);
          setVersionsOpen(false);
        }}
        onActivated={(version) => setFlow((current) => ({ ...current, activeVersion: { id: version.id, number: version.number, publishedAt: version.publishedAt } }))}
      />
    </>
  );
}
