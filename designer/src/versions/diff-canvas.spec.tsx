import { diffFlows } from '@callflow/engine';
import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { theme } from '../app/theme';
import { exampleDocument } from '../document/examples';
import { addNode, removeElements, updateNodeLabel } from '../store/document-ops';
import { DiffCanvas, toDiffCanvas } from './diff-canvas';
import { diffView } from './diff-view';

/** Version 1 is the example; version 2 lost “bye”, gained a play node wired from billing, relabelled “service”, moved “menu”. */
function twoVersions() {
  const before = exampleDocument();
  let after = removeElements(before, ['bye'], []);
  after = updateNodeLabel(after, 'service', 'Service desk');
  after = addNode(after, 'play', { x: 900, y: 300 }).document;
  after = { ...after, edges: [...after.edges, { id: 'e-new', source: 'billing', sourcePort: 'notFound', target: 'play-1' }] };
  after = { ...after, nodes: after.nodes.map((node) => (node.id === 'menu' ? { ...node, position: { x: node.position.x + 120, y: node.position.y } } : node)) };
  return { before, after, view: diffView(before, after, diffFlows(before, after)) };
}

const marksOf = (id: string) => [...screen.getByTestId(`node-${id}`).classList].filter((name) => name.startsWith('diff-'));

describe('version diff on the canvas', () => {
  it('merges both versions: the newer one, plus what it removed, each marked', () => {
    const { view, before } = twoVersions();
    const marks = Object.fromEntries(view.nodes.map((node) => [node.node.id, node.mark]));
    expect(marks).toMatchObject({ 'play-1': 'added', bye: 'removed', service: 'changed', menu: 'unchanged', entry: 'unchanged' });
    expect(view.nodes.find((node) => node.node.id === 'bye')?.node.position).toEqual(before.nodes.find((node) => node.id === 'bye')?.position);
    expect(view.nodes.find((node) => node.node.id === 'menu')?.moved).toMatchObject({ id: 'menu' });
    expect(view.nodes.find((node) => node.node.id === 'service')?.changes).toEqual([{ path: 'label', change: 'changed', before: 'Dispatch', after: 'Service desk' }]);

    const edges = toDiffCanvas(view).edges;
    const removedIntoBye = before.edges.filter((edge) => edge.target === 'bye').map((edge) => `removed:${edge.id}`);
    expect(edges.filter((edge) => edge.className === 'diff-removed').map((edge) => edge.id).sort()).toEqual(removedIntoBye.sort());
    expect(edges.filter((edge) => edge.className === 'diff-added').map((edge) => edge.id)).toEqual(['e-new']);
    expect(view.counts).toEqual({ added: 1, removed: 1, changed: 1, moved: 1, edgesAdded: 1, edgesRemoved: removedIntoBye.length });
  });

  it('draws the marks on the nodes, with a legend and the list of changes', () => {
    const { view } = twoVersions();
    render(
      <MantineProvider theme={theme}>
        <ReactFlowProvider>
          <div style={{ width: 1200, height: 800 }}>
            <DiffCanvas view={view} title="v1 → v2" />
          </div>
        </ReactFlowProvider>
      </MantineProvider>,
    );
    expect(marksOf('play-1')).toEqual(['diff-added']);
    expect(marksOf('bye')).toEqual(['diff-removed']);
    expect(marksOf('service')).toEqual(['diff-changed']);
    expect(marksOf('menu')).toEqual(['diff-unchanged', 'diff-moved']);
    expect(within(screen.getByTestId('node-play-1')).getByText('Added')).toBeInTheDocument();
    expect(within(screen.getByTestId('node-menu')).getByText('Moved')).toBeInTheDocument();

    const legend = screen.getByLabelText('Legend');
    expect(within(legend).getByText(/Added/)).toHaveTextContent('Added 2');
    expect(within(legend).getByText(/Removed/)).toHaveTextContent(`Removed ${1 + view.counts.edgesRemoved}`);
    expect(within(legend).getByText(/Changed/)).toHaveTextContent('Changed 1');
    expect(within(legend).getByText(/Moved only/)).toHaveTextContent('Moved only 1');
    expect(screen.getByText('label: “Dispatch” → “Service desk”')).toBeInTheDocument();
    expect(screen.getByText('v1 → v2')).toBeInTheDocument();
  });
});
