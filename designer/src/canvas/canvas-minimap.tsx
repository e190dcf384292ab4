import { Panel, getNodesBounds, useNodes, useReactFlow, useStore, type Node, type Rect } from '@xyflow/react';
import { useMemo, useRef, type PointerEvent, type WheelEvent } from 'react';

export const MINIMAP_SIZE = { width: 200, height: 150 };
/** Room around the flow in the map, as a share of the flow's width and height on each side. */
const MARGIN = 0.1;
/** A node React Flow has not measured yet is drawn this big. */
const UNMEASURED = { width: 180, height: 60 };

/** How flow coordinates map onto the map: a map pixel is `(flow - origin) * scale`. */
export interface MapProjection {
  originX: number;
  originY: number;
  scale: number;
}

/** Fits `bounds` (with a margin) into the map, centred. */
export function mapProjection(bounds: Rect): MapProjection {
  const size = MINIMAP_SIZE;
  const width = Math.max(bounds.width, 1) * (1 + 2 * MARGIN);
  const height = Math.max(bounds.height, 1) * (1 + 2 * MARGIN);
  const scale = Math.min(size.width / width, size.height / height);
  return {
    originX: bounds.x + bounds.width / 2 - size.width / 2 / scale,
    originY: bounds.y + bounds.height / 2 - size.height / 2 / scale,
    scale,
  };
}

/** The part of the flow the canvas shows, in map pixels. */
export function viewInMap(projection: MapProjection, transform: [number, number, number], canvas: { width: number; height: number }): Rect {
  const [x, y, zoom] = transform;
  return {
    x: (-x / zoom - projection.originX) * projection.scale,
    y: (-y / zoom - projection.originY) * projection.scale,
    width: (canvas.width / zoom) * projection.scale,
    height: (canvas.height / zoom) * projection.scale,
  };
}

/** The flow point under a map pixel. */
export function flowPointAt(projection: MapProjection, point: { x: number; y: number }): { x: number; y: number } {
  return { x: point.x / projection.scale + projection.originX, y: point.y / projection.scale + projection.originY };
}

/**
 * The frame showing the canvas' view. It moves with `transform` only, as a layer of its own, and shades the rest of
 * the map with its shadow: panning the canvas repaints nothing in the map (React Flow's MiniMap redraws all its nodes
 * and re-fits its view box at every step, which cost a 500-node flow its frame budget while panning).
 */
function ViewFrame({ projection }: { projection: MapProjection }) {
  const transform = useStore((state) => state.transform);
  const canvasWidth = useStore((state) => state.width);
  const canvasHeight = useStore((state) => state.height);
  const view = viewInMap(projection, transform, { width: canvasWidth, height: canvasHeight });
  // Kept next to the map so the shadow (spread over more than the map) still covers it.
  const x = Math.min(Math.max(view.x, -view.width - 1), MINIMAP_SIZE.width + 1);
  const y = Math.min(Math.max(view.y, -view.height - 1), MINIMAP_SIZE.height + 1);
  return <div className="canvas-minimap-view" style={{ width: view.width, height: view.height, transform: `translate(${x}px, ${y}px)` }} />;
}

/**
 * An overview of the whole flow in the canvas' corner, with the part in view framed. Dragging in it pans the
 * canvas, a click centres the canvas there, the wheel zooms.
 */
export function CanvasMiniMap<N extends Node>({ nodeColor, ariaLabel }: { nodeColor: (node: N) => string; ariaLabel: string }) {
  const nodes = useNodes<N>();
  const flow = useReactFlow();
  const bounds = useMemo(() => getNodesBounds(nodes), [nodes]);
  const projection = useMemo(() => mapProjection(bounds), [bounds]);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (current === null) return;
    const [dx, dy] = [event.clientX - current.x, event.clientY - current.y];
    if (dx === 0 && dy === 0) return;
    drag.current = { x: event.clientX, y: event.clientY, moved: true };
    const { x, y, zoom } = flow.getViewport();
    void flow.setViewport({ x: x - (dx / projection.scale) * zoom, y: y - (dy / projection.scale) * zoom, zoom });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.moved === false) {
      const map = event.currentTarget.getBoundingClientRect();
      const point = flowPointAt(projection, { x: event.clientX - map.left, y: event.clientY - map.top });
      void flow.setCenter(point.x, point.y, { zoom: flow.getZoom() });
    }
    drag.current = null;
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => void flow.zoomTo(flow.getZoom() * 2 ** (-event.deltaY * 0.002));

  const { originX, originY, scale } = projection;
  return (
    <Panel position="bottom-right" className="canvas-minimap">
      <div role="img" aria-label={ariaLabel} style={MINIMAP_SIZE} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onWheel={onWheel}>
        <svg width={MINIMAP_SIZE.width} height={MINIMAP_SIZE.height} viewBox={`${originX} ${originY} ${MINIMAP_SIZE.width / scale} ${MINIMAP_SIZE.height / scale}`} aria-hidden>
          {nodes.map((node) => (
            <rect
              key={node.id}
              x={node.position.x}
              y={node.position.y}
              width={node.measured?.width ?? UNMEASURED.width}
              height={node.measured?.height ?? UNMEASURED.height}
              rx={8}
              style={{ fill: nodeColor(node) }}
            />
          ))}
        </svg>
        <ViewFrame projection={projection} />
      </div>
    </Panel>
  );
}
