import { act, screen } from '@testing-library/react';
import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { exampleStore, renderInEditor } from '../../test/render';
import { FlowCanvas, OVERVIEW_BELOW_ZOOM } from './flow-canvas';

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
});
