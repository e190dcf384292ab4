import { act, screen } from '@testing-library/react';
import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { exampleStore, renderInEditor } from '../../test/render';
import type { CanvasNode } from './flow-adapter';
import { FlowCanvas, OVERVIEW_BELOW_ZOOM, openingViewport } from './flow-canvas';

const handlesOf = (nodeId: string) =>
  [...screen.getByTestId(`node-${nodeId}`).querySelectorAll('.react-flow__handle.source')].map((handle) => handle.getAttribute('data-handleid'));

describe('flow canvas', () => {
  it('draws one handle per named port, and an input handle except on the entry', () => {
    renderInEditor(
      <div style={{ width: 1000, height: 800 }}>
        <FlowCanvas />
      </div>,
    );
    expect(handlesOf('menu')).toEqual(['1', '2', 'noMatch', 'timeout']);
    expect(handlesOf('hours')).toEqual(['open', 'closed', 'holiday']);
    expect(handlesOf('bye')).toEqual([]);
    expect(screen.getByTestId('node-entry').querySelector('.react-flow__handle.target')).toBeNull();
    expect(screen.getByTestId('node-menu').querySelector('.react-flow__handle.target')).not.toBeNull();
  });

  it('marks nodes with problems and the simulated path', () => {
    const store = exampleStore();
    renderInEditor(<FlowCanvas />, store);
    act(() => {
      store.getState().addNode('menu', { x: 0, y: 400 });
      store.getState().showSimulation({ visitedNodeIds: ['entry', 'hours'], traversedEdgeIds: ['e1'], lastNodeId: 'hours' });
    });
    expect(screen.getByTestId('node-menu-1')).toHaveClass('has-error');
    expect(screen.getByTestId('node-billing')).toHaveClass('has-info');
    expect(screen.getByTestId('node-menu')).not.toHaveClass('has-error');
    expect(screen.getByTestId('node-entry')).toHaveClass('is-visited');
    expect(screen.getByTestId('node-hours')).toHaveClass('is-current');
    expect(screen.getByTestId('node-menu')).not.toHaveClass('is-visited');
  });

  it('draws the overview (boxes and labels, ports not painted) only while zoomed out below the threshold', async () => {
    let flow: ReactFlowInstance | undefined;
    function CaptureFlow() {
      flow = useReactFlow();
      return null;
    }
    const { container } = renderInEditor(
      <div style={{ width: 1000, height: 800 }}>
        <FlowCanvas />
        <CaptureFlow />
      </div>,
    );
    const canvas = container.querySelector('.react-flow')!;
    await act(() => flow!.setViewport({ x: 0, y: 0, zoom: 1 }));
    expect(canvas).not.toHaveClass('is-overview');
    await act(() => flow!.setViewport({ x: 0, y: 0, zoom: OVERVIEW_BELOW_ZOOM / 2 }));
    expect(canvas).toHaveClass('is-overview');
    expect(handlesOf('menu')).toEqual(['1', '2', 'noMatch', 'timeout']);
    await act(() => flow!.setViewport({ x: 0, y: 0, zoom: OVERVIEW_BELOW_ZOOM }));
    expect(canvas).not.toHaveClass('is-overview');
  });

  describe('the view it opens on', () => {
    const card = (id: string, x: number, y: number, measured?: { width: number; height: number }): CanvasNode =>
      ({ id, type: 'callflow', position: { x, y }, data: {} as CanvasNode['data'], ...(measured ? { measured } : {}) }) as CanvasNode;
    const size = { width: 240, height: 100 };

    it('fits every node into the canvas, centred, with a margin, and no closer than zoom 1.1', () => {
      const nodes = [card('a', 0, 0, size), card('b', 1760, 900, size)];
      const view = openingViewport(nodes, 1000, 600)!;
      const onScreen = (x: number, y: number) => ({ x: view.x + x * view.zoom, y: view.y + y * view.zoom });
      const topLeft = onScreen(0, 0);
      const bottomRight = onScreen(2000, 1000);
      expect(topLeft.x).toBeGreaterThan(0);
      expect(topLeft.y).toBeGreaterThan(0);
      expect(bottomRight.x).toBeLessThan(1000);
      expect(bottomRight.y).toBeLessThan(600);
      expect(topLeft.x).toBeCloseTo(1000 - bottomRight.x, 5);
      expect(topLeft.y).toBeCloseTo(600 - bottomRight.y, 5);
      expect(openingViewport([card('a', 0, 0, size)], 1000, 600)!.zoom).toBe(1.1);
    });

    it('opens a large flow zoomed out to the overview', () => {
      const nodes = Array.from({ length: 500 }, (_, index) => card(`n${index}`, (index % 25) * 300, Math.floor(index / 25) * 160, size));
      expect(openingViewport(nodes, 1000, 600)!.zoom).toBeLessThan(OVERVIEW_BELOW_ZOOM);
    });

    it('leaves the fitting to React Flow when a node has no worked-out size, or there is nothing to fit', () => {
      expect(openingViewport([card('a', 0, 0, size), card('b', 400, 0)], 1000, 600)).toBeNull();
      expect(openingViewport([], 1000, 600)).toBeNull();
      expect(openingViewport([card('a', 0, 0, size)], 0, 0)).toBeNull();
    });
  });
});
