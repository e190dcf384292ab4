import type { Diagnostic } from '@callflow/engine';
import { Badge, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useReactFlow } from '@xyflow/react';
import { useEditor } from '../store/editor-context';
import classes from './diagnostics-panel.module.css';
import { locationOf, useValidation } from './validation';

const SEVERITY_ICONS = { error: IconAlertCircle, warning: IconAlertTriangle, info: IconInfoCircle } as const;
const SEVERITY_COLORS = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** The engine's diagnostics of the draft; clicking one selects its node and brings it into view. */
export function DiagnosticsPanel() {
  const validation = useValidation();
  const select = useEditor((state) => state.select);
  const { fitView } = useReactFlow();

  const focus = (diagnostic: Diagnostic) => {
    if (diagnostic.nodeId !== undefined) {
      select([diagnostic.nodeId]);
      void fitView({ nodes: [{ id: diagnostic.nodeId }], duration: 300, maxZoom: 1.2 });
    } else if (diagnostic.edgeId !== undefined) {
      select([], [diagnostic.edgeId]);
    }
  };

  if (validation.diagnostics.length === 0) {
    return (
      <Group gap={6} p="sm" c="teal.7">
        <IconCircleCheck size={16} />
        <Text size="sm">No problems: the flow can be published.</Text>
      </Group>
    );
  }
  return (
    <ScrollArea h="100%">
      <ul className={classes.list} aria-label="Problems">
        {validation.diagnostics.map((diagnostic, index) => {
          const Icon = SEVERITY_ICONS[diagnostic.severity];
          const location = locationOf(diagnostic);
          return (
            <li key={index}>
              <UnstyledButton className={classes.row} onClick={() => focus(diagnostic)}>
                <Icon size={16} color={`var(--mantine-color-${SEVERITY_COLORS[diagnostic.severity]}-6)`} style={{ flexShrink: 0 }} />
                <Text size="sm" style={{ flex: 1 }}>
                  {diagnostic.message}
                </Text>
                {location && (
                  <Badge variant="default" size="sm" radius="sm" tt="none">
                    {location}
                  </Badge>
                )}
              </UnstyledButton>
            </li>
          );
        })}
      </ul>
    </ScrollArea>
  );
}
