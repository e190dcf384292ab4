import type { DiffSide, FlowDiff } from '@callflow/schemas';
import { Badge, Group, List, Stack, Text } from '@mantine/core';

export function sideName(side: DiffSide): string {
  switch (side.kind) {
    case 'version':
      return `version ${side.number}`;
    case 'draft':
      return 'the draft';
    case 'empty':
      return 'nothing published';
  }
}

const nodeName = (node: { id: string; label: string }) => node.label || node.id;

/** What a diff changes, in words: nodes, connections, variables and settings; moves counted apart. */
export function DiffSummary({ diff }: { diff: FlowDiff }) {
  const lines: Array<{ key: string; color: string; tag: string; text: string }> = [];
  for (const node of diff.nodes.added) lines.push({ key: `na-${node.id}`, color: 'teal', tag: 'added', text: `${nodeName(node)} (${node.kind})` });
  for (const node of diff.nodes.removed) lines.push({ key: `nr-${node.id}`, color: 'red', tag: 'removed', text: `${nodeName(node)} (${node.kind})` });
  for (const node of diff.nodes.changed) {
    lines.push({ key: `nc-${node.id}`, color: 'orange', tag: 'changed', text: `${nodeName(node)}: ${node.changes.map((change) => change.path).join(', ')}` });
  }
  for (const edge of diff.edges.added) lines.push({ key: `ea-${edge.id}`, color: 'teal', tag: 'connected', text: `${edge.source} · ${edge.sourcePort} → ${edge.target}` });
  for (const edge of diff.edges.removed) lines.push({ key: `er-${edge.id}`, color: 'red', tag: 'disconnected', text: `${edge.source} · ${edge.sourcePort} → ${edge.target}` });
  for (const variable of diff.variables.added) lines.push({ key: `va-${variable.name}`, color: 'teal', tag: 'variable', text: `${variable.name} added` });
  for (const variable of diff.variables.removed) lines.push({ key: `vr-${variable.name}`, color: 'red', tag: 'variable', text: `${variable.name} removed` });
  for (const variable of diff.variables.changed) lines.push({ key: `vc-${variable.name}`, color: 'orange', tag: 'variable', text: `${variable.name} changed` });
  for (const change of diff.metadata) lines.push({ key: `m-${change.path}`, color: 'orange', tag: 'settings', text: change.path });

  if (lines.length === 0 && diff.nodes.moved.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes.
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      <List spacing={4} listStyleType="none" aria-label="Changes">
        {lines.map((line) => (
          <List.Item key={line.key}>
            <Group gap="xs" wrap="nowrap">
              <Badge size="xs" variant="light" color={line.color} radius="sm" w={92}>
                {line.tag}
              </Badge>
              <Text size="sm" truncate>
                {line.text}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
      {diff.nodes.moved.length > 0 && (
        <Text size="xs" c="dimmed">
          {diff.nodes.moved.length} node{diff.nodes.moved.length === 1 ? '' : 's'} moved on the canvas (no change in behaviour).
        </Text>
      )}
    </Stack>
  );
}
