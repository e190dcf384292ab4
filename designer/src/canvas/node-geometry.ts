import { Position, type NodeHandle } from '@xyflow/react';
import type { CanvasNodeData } from './flow-adapter';

/*
 * A node card's size and handle positions, worked out from its content instead of measured in the page. React Flow
 * hides a node until it knows its size and draws no edge until it knows where the handles are: told both up front, it
 * draws a large flow whole in its first render, and its own measuring then only confirms them (a node that measures
 * differently is redrawn with what was measured). The figures are those of `.flow-node` in canvas.css, whose rows
 * have fixed heights for this; the geometry spec in designer/e2e/flows.e2e.spec.ts checks them against drawn nodes.
 */
export const NODE_GEOMETRY = {
  width: 240,
  borderTop: 3,
  border: 1,
  header: 26,
  label: 20,
  /** Space above the summary, and the height of each of its lines (at most two). */
  summaryGap: 2,
  summaryLine: 16,
  summaryFont: 12,
  bodyPaddingX: 10,
  bodyPaddingBottom: 8,
  /** The port list's top border and vertical padding, and the height of one port's row. */
  portsBorder: 1,
  portsPadding: 4,
  portRow: 22,
  handle: 10,
} as const;

export const SUMMARY_WIDTH = NODE_GEOMETRY.width - 2 * NODE_GEOMETRY.border - 2 * NODE_GEOMETRY.bodyPaddingX;

export interface NodeGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

/** `summaryLines`: how many lines the summary takes (0 without one; it is clamped to two). */
export function nodeGeometry(data: Pick<CanvasNodeData, 'acceptsInput' | 'ports'>, summaryLines: 0 | 1 | 2): NodeGeometry {
  const g = NODE_GEOMETRY;
  const body = g.label + (summaryLines > 0 ? g.summaryGap + summaryLines * g.summaryLine : 0) + g.bodyPaddingBottom;
  const portsTop = g.borderTop + g.header + body;
  const ports = data.ports.length > 0 ? g.portsBorder + 2 * g.portsPadding + data.ports.length * g.portRow : 0;
  const height = portsTop + ports + g.border;
  const half = g.handle / 2;
  const handles: NodeHandle[] = data.ports.map((port, index) => ({
    id: port.name,
    type: 'source',
    position: Position.Right,
    x: g.width - g.border - half,
    y: portsTop + g.portsBorder + g.portsPadding + index * g.portRow + g.portRow / 2 - half,
    width: g.handle,
    height: g.handle,
  }));
  if (data.acceptsInput) {
    handles.push({ id: null, type: 'target', position: Position.Left, x: -half, y: height / 2 - half, width: g.handle, height: g.handle });
  }
  return { width: g.width, height, handles };
}

/**
 * How many lines a summary takes in a node card: one when its text fits the card's width in the card's font, or when
 * it cannot break (no space or hyphen: a long address overflows its one line), else two (the card clamps it there).
 * Null where text cannot be measured (no OffscreenCanvas, as in jsdom): the nodes are then measured in the page.
 */
export function createSummaryLineCounter(fontFamily: string): ((summary: string) => 0 | 1 | 2) | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const context = new OffscreenCanvas(1, 1).getContext('2d');
  if (context === null) return null;
  context.font = `${NODE_GEOMETRY.summaryFont}px ${fontFamily}`;
  return (summary) => summaryLines(summary, (text) => context.measureText(text).width);
}

export function summaryLines(summary: string, textWidth: (text: string) => number): 0 | 1 | 2 {
  const text = summary.replace(/\s+/g, ' ').trim();
  if (text === '') return 0;
  if (!/[ -]./.test(text)) return 1;
  return textWidth(text) <= SUMMARY_WIDTH ? 1 : 2;
}
