import { FLOW_FORMAT, FlowDocumentSchema } from '@callflow/schemas';
import type { NodeChange } from '@xyflow/react';
import type { DraftDocument } from '../document/draft-document';
import { createCanvasProjection, positionChanges, toCanvas, toConnectionRequest, type CanvasNode, type CanvasView } from './flow-adapter';

const document: DraftDocument = FlowDocumentSchema.parse({
  format: FLOW_FORMAT,
  metadata: { name: 'Front desk' },
  nodes: [
    { id: 'entry', kind: 'entry', version: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'menu',
      kind: 'menu',
      version: 1,
      label: 'Main menu',
      position: { x: 200, y: 40 },
      config: {
        prompt: { type: 'tts', text: 'Press 1 for sales or 2 for service' },
        options: [
          { digit: '1', label: 'Sales' },
          { digit: '2', label: 'Service' },
        ],
      },
    },
    { id: 'bye', kind: 'hang-up', version: 1, position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'entry', sourcePort: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', sourcePort: '2', target: 'bye' },
  ],
});

const view = (overrides: Partial<CanvasView> = {}): CanvasView => ({
  selectedNodeIds: new Set(),
  selectedEdgeIds: new Set(),
  measured: {},
  dragging: {},
  litEdgeIds: new Set(),
  ...overrides,
});

describe('flow adapter', () => {
  it('gives every menu option its own handle, plus the invalid-input and timeout ports', () => {
    const { nodes } = toCanvas(document);
    const menu = nodes.find((node) => node.id === 'menu');
    expect(menu?.data.ports.map((port) => port.name)).toEqual(['1', '2', 'noMatch', 'timeout']);
    expect(menu?.data.summary).toBe('1 Sales · 2 Service');
    expect(nodes.find((node) => node.id === 'entry')?.data.acceptsInput).toBe(false);
  });

  it('maps named ports to source handles and back', () => {
    const { edges } = toCanvas(document);
    expect(edges).toContainEqual({ id: 'e2', source: 'menu', sourceHandle: '2', target: 'bye' });
    expect(toConnectionRequest({ source: 'menu', sourceHandle: '1', target: 'bye' })).toEqual({ source: 'menu', sourcePort: '1', target: 'bye' });
  });

  it('keeps the ports a draft config still shows, and none when the config is unreadable', () => {
    const draft: DraftDocument = {
      ...document,
      nodes: [
        { ...document.nodes[1]!, config: { prompt: { type: 'tts', text: '' }, options: [{ digit: '3', label: '' }] } },
        { ...document.nodes[1]!, id: 'broken', config: { options: 'none' } },
      ],
    };
    const [incomplete, broken] = toCanvas(draft).nodes;
    expect(incomplete?.data.ports.map((port) => port.name)).toEqual(['3', 'noMatch', 'timeout']);
    expect(broken?.data.ports).toEqual([]);
  });

  it('splits position changes into drags in progress and drops', () => {
    const changes: NodeChange<CanvasNode>[] = [
      { type: 'position', id: 'menu', position: { x: 5, y: 6 }, dragging: true },
      { type: 'position', id: 'bye', position: { x: 7, y: 8 }, dragging: false },
      { type: 'select', id: 'bye', selected: true },
    ];
    expect(positionChanges(changes)).toEqual({ dragging: { menu: { x: 5, y: 6 } }, dropped: { bye: { x: 7, y: 8 } } });
  });

  it('reuses canvas objects whose node and view state did not change', () => {
    const projection = createCanvasProjection();
    const first = projection.nodes(document, view());
    const moved = projection.nodes(document, view({ dragging: { bye: { x: 1, y: 2 } } }));
    expect(moved[0]).toBe(first[0]);
    expect(moved[1]).toBe(first[1]);
    expect(moved[2]).not.toBe(first[2]);
    expect(moved[2]?.position).toEqual({ x: 1, y: 2 });

    const edges = projection.edges(document, view({ selectedEdgeIds: new Set(['e2']), litEdgeIds: new Set(['e1']) }));
    expect(edges.map((edge) => [edge.id, edge.selected, edge.className])).toEqual([
      ['e1', false, 'simulated'],
      ['e2', true, undefined],
    ]);
  });
});
