import { act } from '@testing-library/react';
import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { exampleStore, renderInEditor } from '../../test/render';
import { MINIMAP_SIZE, flowPointAt, mapProjection, viewInMap } from './canvas-minimap';
import { FlowCanvas } from './flow-canvas';

describe('canvas minimap', () => {
  it('fits the flow with a margin into the map, centred', () => {
    const wide = mapProjection({ x: 100, y: 50, width: 1000, height: 200 });
    // 1000 wide plus 10% each side fills the 200-pixel width.
    expect(wide.scale).toBeCloseTo(200 / 1200);
    expect((100 - wide.originX) * wide.scale).toBeCloseTo(200 * (100 / 1200));
    expect((50 + 100 - wide.originY) * wide.scale).toBeCloseTo(MINIMAP_SIZE.height / 2);
    const tall = mapProjection({ x: 0, y: 0, width: 100, height: 1000 });
    expect(tall.scale).toBeCloseTo(150 / 1200);
    expect((50 - tall.originX) * tall.scale).toBeCloseTo(MINIMAP_SIZE.width / 2);
  });

  it('frames the part of the flow in view, and maps a map pixel back to the flow point under it', () => {
    const projection = mapProjection({ x: 0, y: 0, width: 1000, height: 750 });
    // The canvas (800 × 600) shows the flow from (200, 100) at zoom 2: 400 × 300 flow units.
    const view = viewInMap(projection, [-400, -200, 2], { width: 800, height: 600 });
    expect(view.width).toBeCloseTo(400 * projection.scale);
    expect(view.height).toBeCloseTo(300 * projection.scale);
    expect(flowPointAt(projection, { x: view.x, y: view.y })).toEqual({ x: expect.closeTo(200), y: expect.closeTo(100) });
  });

  it('draws every node in its category colour and moves the frame with the view', async () => {
    let flow: ReactFlowInstance | undefined;
    function CaptureFlow() {
      flow = useReactFlow();
      return null;
    }
    const store = exampleStore();
    const { container } = renderInEditor(
      <div style={{ width: 1000, height: 800 }}>
        <FlowCanvas />
        <CaptureFlow />
      </div>,
      store,
    );
    const map = container.querySelector('.canvas-minimap')!;
    expect(map.querySelectorAll('rect')).toHaveLength(store.getState().document.nodes.length);
    expect((map.querySelector('rect') as SVGRectElement).style.fill).toMatch(/^var\(--mantine-color-\w+-4\)$/);

    const frame = () => (map.querySelector('.canvas-minimap-view') as HTMLElement).style.transform;
    await act(() => flow!.setViewport({ x: 0, y: 0, zoom: 1 }));
    const before = frame();
    await act(() => flow!.setViewport({ x: -300, y: 0, zoom: 1 }));
    expect(frame()).not.toBe(before);
    const dx = (transform: string) => Number(/translate\(([-\d.]+)px/.exec(transform)![1]);
    expect(dx(frame())).toBeGreaterThan(dx(before));

    act(() => {
      store.getState().addNode('play', { x: 4000, y: 4000 });
    });
    expect(map.querySelectorAll('rect')).toHaveLength(store.getState().document.nodes.length);
  });
});
