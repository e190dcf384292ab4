import { FLOW_FORMAT, FlowDocumentSchema, type FlowDocument } from '@callflow/schemas';
import { fromCanvas, toCanvas } from './flow-adapter';

const document: FlowDocument = FlowDocumentSchema.parse({
  format: FLOW_FORMAT,
  metadata: { name: 'Front desk' },
  variables: [{ name: 'tier', type: 'string', initial: 'basic' }],
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

describe('flow adapter', () => {
  it('gives every menu option its own handle, plus the invalid-input and timeout ports', () => {
    const { nodes } = toCanvas(document);
    const menu = nodes.find((node) => node.id === 'menu');
    expect(menu?.data.ports.map((port) => port.name)).toEqual(['1', '2', 'noMatch', 'timeout']);
    expect(nodes.find((node) => node.id === 'entry')?.data.acceptsInput).toBe(false);
  });

  it('maps named ports to source handles', () => {
    const { edges } = toCanvas(document);
    expect(edges).toContainEqual({ id: 'e2', source: 'menu', sourceHandle: '2', target: 'bye' });
  });

  it('round-trips a document unchanged', () => {
    const { nodes, edges } = toCanvas(document);
    expect(fromCanvas(document, nodes, edges)).toEqual(document);
  });

  it('takes moved positions and new connections back into the document', () => {
    const { nodes, edges } = toCanvas(document);
    const moved = nodes.map((node) => (node.id === 'bye' ? { ...node, position: { x: 640, y: 120 } } : node));
    const connected = [...edges, { id: 'e3', source: 'menu', sourceHandle: '1', target: 'bye' }];
    const updated = fromCanvas(document, moved, connected);
    expect(updated.nodes.find((node) => node.id === 'bye')?.position).toEqual({ x: 640, y: 120 });
    expect(updated.edges).toContainEqual({ id: 'e3', source: 'menu', sourcePort: '1', target: 'bye' });
    expect(updated.variables).toEqual(document.variables);
  });
});
