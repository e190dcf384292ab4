import type { NodeKind } from '@callflow/schemas';
import { Group, Tabs, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useReactFlow } from '@xyflow/react';
import { useRef, useState, type ReactNode } from 'react';
import { layoutPositions } from '../../canvas/auto-layout';
import { measuredSizes, type CanvasNode } from '../../canvas/flow-adapter';
import { FlowCanvas } from '../../canvas/flow-canvas';
import { DiagnosticsPanel } from '../../diagnostics/diagnostics-panel';
import { useValidation } from '../../diagnostics/validation';
import { Inspector } from '../../inspector/inspector';
import { NodePalette } from '../../palette/node-palette';
import { useEditorStore } from '../../store/editor-context';
import classes from './flow-editor.module.css';

export interface EditorCommands {
  autoLayout(): void;
  fitView(): void;
}

interface FlowEditorProps {
  toolbar(commands: EditorCommands): ReactNode;
  /** Shown above the canvas (a save conflict…). */
  banner?: ReactNode;
  /** Drawn instead of the editable canvas (a comparison of two versions). */
  canvasOverride?: ReactNode;
  simulator: ReactNode;
}

/**
 * The flow editor around the store it is given: palette, canvas, inspector and simulator, problems below. Needs an
 * EditorStoreProvider and a ReactFlowProvider above it.
 */
export function FlowEditor({ toolbar, banner, canvasOverride, simulator }: FlowEditorProps) {
  const store = useEditorStore();
  const { fitView, getNodes, screenToFlowPosition } = useReactFlow<CanvasNode>();
  const canvasRef = useRef<HTMLDivElement>(null);
  const { counts } = useValidation();
  const [panel, setPanel] = useState<string | null>('inspector');

  const fit = () => void fitView({ duration: 300, maxZoom: 1.1, padding: 0.15 });
  const autoLayout = async () => {
    try {
      store.getState().moveNodes(await layoutPositions(store.getState().document, measuredSizes(getNodes())));
      requestAnimationFrame(fit);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not arrange the flow', message: (error as Error).message });
    }
  };
  const addInView = (kind: NodeKind) => {
    const bounds = canvasRef.current?.getBoundingClientRect();
    const center = bounds ? { x: bounds.left + bounds.width / 2, y: bounds.top + bounds.height / 2 } : { x: 0, y: 0 };
    store.getState().addNode(kind, screenToFlowPosition(center));
  };

  useHotkeys([
    ['mod+Z', () => store.getState().undo()],
    ['mod+shift+Z', () => store.getState().redo()],
    ['mod+Y', () => store.getState().redo()],
    ['mod+C', () => store.getState().copy()],
    ['mod+V', () => store.getState().paste()],
    ['mod+A', () => store.getState().selectAll()],
    ['Delete', () => store.getState().deleteSelection()],
    ['Backspace', () => store.getState().deleteSelection()],
    ['Escape', () => store.getState().select([])],
  ]);

  return (
    <div className={classes.editor}>
      <header className={classes.toolbar}>{toolbar({ autoLayout: () => void autoLayout(), fitView: fit })}</header>
      <aside className={classes.palette} aria-label="Nodes">
        <NodePalette onAdd={addInView} />
      </aside>
      <main className={classes.canvas} ref={canvasRef}>
        {banner && <div className={classes.banner}>{banner}</div>}
        {canvasOverride ?? <FlowCanvas />}
      </main>
      <section className={classes.problems} aria-label="Problems panel">
        <Group gap="xs" px="sm" className={classes.problemsHeader}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Problems
          </Text>
          <Text size="xs" c="dimmed">
            {counts.error} errors · {counts.warning} warnings · {counts.info} notes
          </Text>
        </Group>
        <div className={classes.problemsBody}>
          <DiagnosticsPanel />
        </div>
      </section>
      <aside className={classes.side}>
        <Tabs value={panel} onChange={setPanel} className={classes.tabs} keepMounted={false}>
          <Tabs.List grow>
            <Tabs.Tab value="inspector">Inspector</Tabs.Tab>
            <Tabs.Tab value="simulator">Simulator</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="inspector" className={classes.tabPanel}>
            <Inspector />
          </Tabs.Panel>
          <Tabs.Panel value="simulator" className={classes.tabPanel}>
            {simulator}
          </Tabs.Panel>
        </Tabs>
      </aside>
    </div>
  );
}
