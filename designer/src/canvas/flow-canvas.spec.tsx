import { act, screen } from '@testing-library/react';
import { exampleStore, renderInEditor } from '../../test/render';
import { FlowCanvas } from './flow-canvas';

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
});
