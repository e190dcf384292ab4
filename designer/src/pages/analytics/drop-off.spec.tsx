import type { DropOffRow } from '@callflow/schemas';
import { screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { renderWithTheme } from '../../../test/render';
import { exampleDocument } from '../../document/examples';
import { FlowOverlayCanvas } from '../live/flow-overlay-canvas';
import { dropOffOnCanvas, flowsWithDropOff } from './drop-off';

const document = exampleDocument();
const [first, second] = document.nodes;
const FLOW = '6f1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const OTHER = '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const row = (flowId: string, node: string, hangUps: number): DropOffRow => ({ flowId, flowName: flowId === FLOW ? 'Front desk' : 'After hours', node, kind: null, label: null, hangUps });

const rows = [row(FLOW, first!.id, 7), row(OTHER, 'menu', 9), row(FLOW, second!.id, 2), row(FLOW, 'removed-node', 3), row(FLOW, 'quiet', 0)];

describe('drop-off on the canvas', () => {
  it("places one flow's hang-ups on the nodes of the version drawn, and keeps the others apart", () => {
    const placed = dropOffOnCanvas(rows, FLOW, document);
    expect([...placed.counts]).toEqual([
      [first!.id, 7],
      [second!.id, 2],
    ]);
    expect(placed.elsewhere.map((entry) => entry.node)).toEqual(['removed-node']);
    expect(placed.total).toBe(12);
  });

  it('ranks the flows by hang-ups, to draw the worst first', () => {
    expect(flowsWithDropOff(rows)).toEqual([
      { flowId: FLOW, name: 'Front desk', hangUps: 12 },
      { flowId: OTHER, name: 'After hours', hangUps: 9 },
    ]);
  });

  it('badges each node with its hang-ups, and no other node', () => {
    const placed = dropOffOnCanvas(rows, FLOW, document);
    renderWithTheme(
      <ReactFlowProvider>
        <FlowOverlayCanvas document={document} counts={placed.counts} describeCount={(count) => ({ text: `${count} hung up`, title: `${count} hung up here` })} />
      </ReactFlowProvider>,
    );
    expect(screen.getByTestId(`node-count-${first!.id}`)).toHaveTextContent('7 hung up');
    expect(screen.getByTestId(`node-count-${first!.id}`)).toHaveAttribute('title', '7 hung up here');
    expect(screen.getByTestId(`node-count-${second!.id}`)).toHaveTextContent('2 hung up');
    expect(screen.getAllByTestId(/^node-count-/)).toHaveLength(2);
  });
});
