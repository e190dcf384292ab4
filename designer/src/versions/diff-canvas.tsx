import { Badge, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { Background, BackgroundVariant, Controls, Panel, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { toCanvasNode, type CanvasNodeData } from '../canvas/flow-adapter';
import { NodeCard } from '../canvas/flow-node';
import type { DiffView, DiffViewNode, NodeMark } from './diff-view';

type DiffNodeData = CanvasNodeData & { mark: NodeMark; moved: boolean };
type DiffCanvasNode = Node<DiffNodeData, 'diff'>;

const MARK_LABELS: Record<Exclude<NodeMark, 'unchanged'>, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

function DiffNodeView({ id, data }: NodeProps<DiffCanvasNode>) {
  const marks = [`diff-${data.mark}`, data.moved && 'diff-moved'].filter((mark): mark is string => Boolean(mark));
  return (
    <NodeCard id={id} data={data} marks={marks}>
      {(data.mark !== 'unchanged' || data.moved) && (
        <Group gap={4} mt={6}>
          {data.mark !== 'unchanged' && <span className={`diff-tag is-${data.mark}`}>{MARK_LABELS[data.mark]}</span>}
          {data.moved && <span className="diff-tag is-moved">Moved</span>}
        </Group>
      )}
    </NodeCard>
  );
}

const nodeTypes = { diff: memo(DiffNodeView) };

/** The diff as React Flow nodes and edges: marks as classes, removed edges under ids of their own. */
export function toDiffCanvas(view: DiffView): { nodes: DiffCanvasNode[]; edges: Edge[] } {
  return {
    nodes: view.nodes.map(({ node, mark, moved }) => ({
      ...toCanvasNode(node),
      type: 'diff',
      data: { ...toCanvasNode(node).data, mark, moved: moved !== null },
    })),
    edges: view.edges.map(({ id, edge, mark }) => ({
      id,
      source: edge.source,
      sourceHandle: edge.sourcePort,
      target: edge.target,
      type: 'smoothstep',
      className: `diff-${mark}`,
      ...(mark === 'unchanged' ? {} : { label: mark === 'added' ? 'added' : 'removed' }),
    })),
  };
}

function describeValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function ChangeList({ nodes, moves }: { nodes: DiffViewNode[]; moves: DiffView['moves'] }) {
  const changed = nodes.filter((node) => node.mark === 'changed');
  if (changed.length === 0 && moves.length === 0) return null;
  return (
    <Paper withBorder shadow="xs" p="sm" w={300} className="diff-changes">
      <ScrollArea.Autosize mah={320}>
        <Stack gap="xs">
          {changed.map(({ node, changes }) => (
            <div key={node.id}>
              <Text size="sm" fw={600}>
                {node.label || node.id}
              </Text>
              {changes.map((change) => (
                <Text key={change.path} size="xs" c="dimmed">
                  {change.path}: {describeValue(change.before)} → {describeValue(change.after)}
                </Text>
              ))}
            </div>
          ))}
          {moves.length > 0 && (
            <div>
              <Text size="sm" fw={600}>
                Moved on the canvas
              </Text>
              {moves.map((move) => (
                <Text key={move.id} size="xs" c="dimmed">
                  {move.label || move.id}: ({Math.round(move.from.x)}, {Math.round(move.from.y)}) → ({Math.round(move.to.x)}, {Math.round(move.to.y)})
                </Text>
              ))}
            </div>
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

/** The legend of the marks, with how many of each. */
export function DiffLegend({ counts }: { counts: DiffView['counts'] }) {
  const entries = [
    { mark: 'added', label: 'Added', count: counts.added + counts.edgesAdded },
    { mark: 'removed', label: 'Removed', count: counts.removed + counts.edgesRemoved },
    { mark: 'changed', label: 'Changed', count: counts.changed },
    { mark: 'moved', label: 'Moved only', count: counts.moved },
  ];
  return (
    <Paper withBorder shadow="xs" px="sm" py={6} aria-label="Legend">
      <Group gap="md">
        {entries.map((entry) => (
          <Group key={entry.mark} gap={6} wrap="nowrap">
            <span className={`diff-swatch is-${entry.mark}`} />
            <Text size="xs">
              {entry.label}{' '}
              <Text span size="xs" c="dimmed">
                {entry.count}
              </Text>
            </Text>
          </Group>
        ))}
      </Group>
    </Paper>
  );
}

/** Two versions on one read-only canvas: added, removed and changed nodes and edges marked in colour. */
export function DiffCanvas({ view, title }: { view: DiffView; title: string }) {
  const { nodes, edges } = useMemo(() => toDiffCanvas(view), [view]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      fitView
      fitViewOptions={{ maxZoom: 1.1, padding: 0.15 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--mantine-color-gray-4)" />
      <Panel position="top-left">
        <Stack gap="xs">
          <Badge variant="filled" color="dark" radius="sm" size="lg" tt="none">
            {title}
          </Badge>
          <ChangeList nodes={view.nodes} moves={view.moves} />
        </Stack>
      </Panel>
      <Panel position="bottom-right">
        <DiffLegend counts={view.counts} />
      </Panel>
      <Controls showInteractive={false} position="bottom-left" />
    </ReactFlow>
  );
}
