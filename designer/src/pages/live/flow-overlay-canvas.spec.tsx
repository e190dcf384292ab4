import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { theme } from '../../app/theme';
import { exampleDocument } from '../../document/examples';
import { callsPerNode, emptyMonitorState, monitorReducer } from '../../realtime/monitor-state';
import { FlowOverlayCanvas, type PathMark } from './flow-overlay-canvas';

const document = exampleDocument();
const FLOW_ID = '6f1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

function renderCanvas(props: Omit<Parameters<typeof FlowOverlayCanvas>[0], 'document'>) {
  return render(
    <MantineProvider theme={theme}>
      <ReactFlowProvider>
        <FlowOverlayCanvas document={document} {...props} />
      </ReactFlowProvider>
    </MantineProvider>,
  );
}

describe('flow canvas with live counts and paths', () => {
  it('badges each node with the callers at it now, and no other node', () => {
    const [first, second] = document.nodes;
    const at = (n: number, node: string) =>
      monitorReducer(emptyMonitorState(), {
        type: 'call.updated',
        call: {
          callId: `00000000-0000-4000-8000-00000000000${n}`,
          status: 'running',
          caller: '+14155550100',
          called: '+18005550100',
          flow: { id: FLOW_ID, name: 'Front desk', versionId: '8b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', version: 1 },
          currentNode: { flowId: FLOW_ID, id: node, kind: 'menu', label: node },
          startedAt: '2026-11-21T10:00:00.000Z',
          endedAt: null,
          outcome: null,
        },
      }).calls;
    const state = { ...emptyMonitorState(), calls: { ...at(1, first!.id), ...at(2, first!.id), ...at(3, second!.id) } };

    renderCanvas({ counts: callsPerNode(state, FLOW_ID) });

    expect(screen.getByTestId(`node-count-${first!.id}`)).toHaveTextContent('2 callers');
    expect(screen.getByTestId(`node-count-${second!.id}`)).toHaveTextContent('1 caller');
    expect(screen.getAllByTestId(/^node-count-/)).toHaveLength(2);
  });

  it("marks a call's path: the nodes it visited and the one it is at", () => {
    const [first, second] = document.nodes;
    const marks = new Map<string, PathMark>([
      [first!.id, 'visited'],
      [second!.id, 'current'],
    ]);
    renderCanvas({ marks });
    expect(screen.getByTestId(`node-${first!.id}`)).toHaveClass('is-visited');
    expect(screen.getByTestId(`node-${second!.id}`)).toHaveClass('is-current');
    expect(screen.getByTestId(`node-${document.nodes[2]!.id}`)).not.toHaveClass('is-visited');
  });
});
