import { Background, BackgroundVariant, Controls, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { memo, useMemo, type ReactNode } from 'react';
import { toCanvasEdge, toCanvasNode, type CanvasNodeData } from '../../canvas/flow-adapter';
import { NodeCard } from '../../canvas/flow-node';
import type { DraftDocument } from '../../document/draft-document';
import classes from './flow-overlay-canvas.module.css';

/** How a node is marked on a path being shown: where the call is (or was, at this step), and where it has been. */
export type PathMark = 'current' | 'visited';

/** How a count reads on its node: the badge text and its explanation. */
export interface CountWording {
  text: string;
  title: string;
}

const callersHereNow = (count: number): CountWording => ({
  text: `${count} ${count === 1 ? 'caller' : 'callers'}`,
  title: `${count} ${count === 1 ? 'caller is' : 'callers are'} here now`,
});

type OverlayNodeData = CanvasNodeData & { count: (CountWording & { value: number }) | null; mark: PathMark | null };
type OverlayNode = Node<OverlayNodeData, 'overlay'>;

function OverlayNodeView({ id, data }: NodeProps<OverlayNode>) {
  const marks = data.mark === null ? [] : [`is-${data.mark}`];
  return (
    <NodeCard id={id} data={data} marks={marks}>
      {data.count && (
        <span className={classes.count} data-testid={`node-count-${id}`} title={data.count.title}>
          {data.count.text}
        </span>
      )}
    </NodeCard>
  );
}

const nodeTypes = { overlay: memo(OverlayNodeView) };

export interface FlowOverlayCanvasProps {
  document: DraftDocument;
  /** Callers at each node now (the live monitor). */
  counts?: ReadonlyMap<string, number>;
  /** How a count reads (default: callers here now). */
  describeCount?(count: number): CountWording;
  /** The path of one call (a replay): its nodes marked, its edges lit. */
  marks?: ReadonlyMap<string, PathMark>;
  litEdgeIds?: ReadonlySet<string>;
  /** Panels drawn over the canvas (legends, titles). */
  children?: ReactNode;
}

/** A flow drawn read-only, with live caller counts or a call's path on it. */
export function FlowOverlayCanvas({ document, counts, describeCount = callersHereNow, marks, litEdgeIds, children }: FlowOverlayCanvasProps) {
  const nodes = useMemo<OverlayNode[]>(
    () =>
      document.nodes.map((node) => {
        const canvasNode = toCanvasNode(node);
        const value = counts?.get(node.id) ?? 0;
        const count = value > 0 ? { value, ...describeCount(value) } : null;
        return { ...canvasNode, type: 'overlay', data: { ...canvasNode.data, count, mark: marks?.get(node.id) ?? null } };
      }),
    [document, counts, describeCount, marks],
  );
  const edges = useMemo<Edge[]>(
    () =>
      document.edges.map((edge) => {
        const lit = litEdgeIds?.has(edge.id) ?? false;
        return { ...toCanvasEdge(edge), type: 'smoothstep', ...(lit ? { className: 'simulated', animated: true } : {}) };
      }),
    [document, litEdgeIds],
  );
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.12 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--mantine-color-gray-4)" />
      <Controls showInteractive={false} position="bottom-left" />
      {children}
    </ReactFlow>
  );
}
