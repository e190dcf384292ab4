import { FLOW_FORMAT, FlowDocumentSchema } from '@callflow/schemas';
import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import type { DraftDocument } from '../document/draft-document';
import { moveNodes, updateNodeConfig, updateNodeLabel } from '../store/document-ops';
import { nodeGeometry } from './node-geometry';
import {
  applyCanvasNodeChanges,
  createEdgeProjection,
  createNodeProjection,
  droppedPositions,
  measuredSizes,
  syncCanvasNodes,
  toCanvas,
  toConnectionRequest,
  type CanvasNode,
} from './flow-adapter';

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

const none = new Set<string>();

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

  it('takes the positions where a drag ended, not those of a drag in progress', () => {
    const changes: NodeChange<CanvasNode>[] = [
      { type: 'position', id: 'menu', position: { x: 5, y: 6 }, dragging: true },
      { type: 'position', id: 'bye', position: { x: 7, y: 8 }, dragging: false },
      { type: 'select', id: 'bye', selected: true },
    ];
    expect(droppedPositions(changes)).toEqual({ bye: { x: 7, y: 8 } });
  });

  it('keeps the canvas object of every node whose document node did not change, with what React Flow measured', () => {
    const project = createNodeProjection();
    const first = syncCanvasNodes([], document, none, project);
    const measured = applyNodeChanges<CanvasNode>(
      first.map((node) => ({ type: 'dimensions', id: node.id, dimensions: { width: 200, height: 90 }, setAttributes: false })),
      first,
    );
    expect(syncCanvasNodes(measured, document, none, project)).toBe(measured);

    const renamed = updateNodeLabel(document, 'menu', 'Front menu');
    const synced = syncCanvasNodes(measured, renamed, none, project);
    expect(synced[0]).toBe(measured[0]);
    expect(synced[2]).toBe(measured[2]);
    expect(synced[1]).not.toBe(measured[1]);
    expect(synced[1]?.data.label).toBe('Front menu');
    expect(synced[1]?.measured).toEqual({ width: 200, height: 90 });
  });

  it('leaves a node being dragged where React Flow put it until the drop is in the document', () => {
    const project = createNodeProjection();
    const first = syncCanvasNodes([], document, none, project);
    const dragging = applyNodeChanges<CanvasNode>([{ type: 'position', id: 'bye', position: { x: 450, y: 30 }, dragging: true }], first);
    const selected = syncCanvasNodes(dragging, document, new Set(['bye']), project);
    expect(selected[2]?.position).toEqual({ x: 450, y: 30 });
    expect(selected[2]?.selected).toBe(true);
    expect(selected[0]).toBe(first[0]);

    const dropped = syncCanvasNodes(selected, moveNodes(document, { bye: { x: 460, y: 35 } }), new Set(['bye']), project);
    expect(dropped[2]?.position).toEqual({ x: 460, y: 35 });
    expect(dropped[1]).toBe(first[1]);
  });

  it('gives each node its worked-out size and handles when summaries can be measured, and works them out again for a changed node', () => {
    // As if the menu's summary ("1 Sales · 2 Service · 3 Billing") broke onto a second line once it has three options.
    const project = createNodeProjection((summary) => (summary.includes('Billing') ? 2 : 1));
    const nodes = syncCanvasNodes([], document, none, project);
    for (const node of nodes) {
      const expected = nodeGeometry(node.data, 1);
      expect(node.measured).toEqual({ width: expected.width, height: expected.height });
      expect(node.handles).toEqual(expected.handles);
    }
    const menu = nodes[1]!;
    expect(menu.handles?.map((handle) => handle.id)).toEqual(['1', '2', 'noMatch', 'timeout', null]);

    const threeOptions = updateNodeConfig(document, 'menu', {
      ...document.nodes[1]!.config,
      options: [...(document.nodes[1]!.config.options as object[]), { digit: '3', label: 'Billing' }],
    });
    const synced = syncCanvasNodes(nodes, threeOptions, none, project);
    const worked = nodeGeometry(synced[1]!.data, 2);
    expect(synced[1]?.measured).toEqual({ width: worked.width, height: worked.height });
    expect(synced[1]?.handles).toEqual(worked.handles);
    expect(synced[1]?.handles?.map((handle) => handle.id)).toEqual(['1', '2', '3', 'noMatch', 'timeout', null]);
    expect(synced[0]).toBe(nodes[0]);
  });

  it('lets React Flow measure the handles of a node whose measured size differs from the worked-out one', () => {
    const nodes = syncCanvasNodes([], document, none, createNodeProjection(() => 1));
    const { width, height } = nodes[1]!.measured as { width: number; height: number };
    const remeasured = applyCanvasNodeChanges(
      [
        { type: 'dimensions', id: 'menu', dimensions: { width, height: height + 16 }, setAttributes: false },
        { type: 'select', id: 'bye', selected: true },
      ],
      nodes,
    );
    expect(remeasured[1]?.measured).toEqual({ width, height: height + 16 });
    expect(remeasured[1]?.handles).toBeUndefined();
    expect(remeasured[0]).toBe(nodes[0]);
    expect(remeasured[2]?.handles).toEqual(nodes[2]?.handles);
    expect(remeasured[2]?.selected).toBe(true);
  });

  it('lists the sizes React Flow measured', () => {
    const nodes = syncCanvasNodes([], document, none, createNodeProjection());
    const measured = applyNodeChanges<CanvasNode>([{ type: 'dimensions', id: 'menu', dimensions: { width: 240, height: 180 }, setAttributes: false }], nodes);
    expect(measuredSizes(measured)).toEqual({ menu: { width: 240, height: 180 } });
  });

  it('reuses edge objects whose edge, selection and lighting did not change', () => {
    const project = createEdgeProjection();
    const first = project(document.edges, { selectedEdgeIds: none, litEdgeIds: none });
    const edges = project(document.edges, { selectedEdgeIds: new Set(['e2']), litEdgeIds: new Set(['e1']) });
    expect(edges.map((edge) => [edge.id, edge.selected, edge.className])).toEqual([
      ['e1', false, 'simulated'],
      ['e2', true, undefined],
    ]);
    const again = project(document.edges, { selectedEdgeIds: new Set(['e2']), litEdgeIds: none });
    expect(again[1]).toBe(edges[1]);
    expect(again[0]).not.toBe(first[0]);
    expect(project(document.edges, { selectedEdgeIds: none, litEdgeIds: none })[0]).toEqual(first[0]);
  });
});
