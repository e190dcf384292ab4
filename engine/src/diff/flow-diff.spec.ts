import fc from 'fast-check';
import { FlowDocumentEnvelopeSchema, type FlowDiff, type FlowDocumentEnvelope } from '@callflow/schemas';
import { flowDocument, tts } from '../../test/support/flow-builder';
import { diffFlows } from './flow-diff';

const parse = (document: unknown): FlowDocumentEnvelope => FlowDocumentEnvelopeSchema.parse(document);

const NO_CHANGES: FlowDiff = {
  hasChanges: false,
  metadata: [],
  variables: { added: [], removed: [], changed: [] },
  nodes: { added: [], removed: [], changed: [], moved: [] },
  edges: { added: [], removed: [] },
};

const menuConfig = (options: Array<{ digit: string; label: string }>) => ({ prompt: tts('For sales press 1.'), options, timeoutSecs: 5 });

/** entry → menu (1: sales, 2: support) → each plays, then hangs up. */
function frontDesk() {
  return flowDocument(
    [
      { id: 'start', kind: 'entry', label: 'Main number' },
      { id: 'menu', kind: 'menu', label: 'Main menu', config: menuConfig([{ digit: '1', label: 'Sales' }, { digit: '2', label: 'Support' }]) },
      { id: 'sales', kind: 'play', label: 'Sales', config: { prompt: tts('Sales is busy.') } },
      { id: 'support', kind: 'play', label: 'Support', config: { prompt: tts('Support is closed.') } },
      { id: 'bye', kind: 'hang-up', label: 'Bye' },
    ],
    ['start.next -> menu', 'menu.1 -> sales', 'menu.2 -> support', 'sales.next -> bye', 'support.next -> bye'],
    { variables: [{ name: 'tier', type: 'string', initial: 'basic' }, { name: 'attempts', type: 'number', initial: 0 }] },
  );
}

type Doc = ReturnType<typeof frontDesk>;

function edited(change: (document: Doc) => void): Doc {
  const document = structuredClone(frontDesk());
  change(document);
  return document;
}

function node(document: Doc, id: string): Doc['nodes'][number] {
  const found = document.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

describe('diffFlows', () => {
  it('finds nothing between a document and itself, or a copy with other edge ids and reordered keys and lists', () => {
    const document = frontDesk();
    expect(diffFlows(parse(document), parse(document))).toEqual(NO_CHANGES);
    const shuffled = edited((copy) => {
      copy.edges = copy.edges.map((edge, index) => ({ ...edge, id: `renamed-${index}` })).reverse();
      copy.nodes.reverse();
      copy.variables.reverse();
      const menu = node(copy, 'menu');
      menu.config = Object.fromEntries(Object.entries(menu.config).reverse());
    });
    expect(diffFlows(parse(document), parse(shuffled))).toEqual(NO_CHANGES);
  });

  it('reports exactly what was added, removed, changed and reconnected', () => {
    const after = edited((document) => {
      document.metadata.name = 'Front desk (winter)';
      node(document, 'start').label = 'Main line';
      const menu = node(document, 'menu');
      menu.config = { ...menuConfig([{ digit: '1', label: 'Sales' }, { digit: '2', label: 'Help' }, { digit: '3', label: 'Billing' }]), timeoutSecs: 8 };
      node(document, 'sales').config = { prompt: { type: 'audio', url: 'https://cdn.example.com/sales.mp3' } };
      document.nodes = document.nodes.filter((candidate) => candidate.id !== 'support');
      document.nodes.push({ id: 'billing', kind: 'voicemail', version: 1, label: 'Billing voicemail', position: { x: 500, y: 300 }, config: { mailboxId: 'billing' } });
      document.edges = [
        { id: 'e1', source: 'start', sourcePort: 'next', target: 'menu' },
        { id: 'e2', source: 'menu', sourcePort: '1', target: 'sales' },
        { id: 'e4', source: 'sales', sourcePort: 'next', target: 'bye' },
        { id: 'x1', source: 'menu', sourcePort: '2', target: 'sales' },
        { id: 'x2', source: 'menu', sourcePort: '3', target: 'billing' },
      ];
      document.variables = [{ name: 'tier', type: 'string', initial: 'gold' }, { name: 'vip', type: 'boolean', initial: false }];
    });

    expect(diffFlows(parse(frontDesk()), parse(after))).toEqual({
      hasChanges: true,
      metadata: [{ path: 'metadata.name', change: 'changed', before: 'Test flow', after: 'Front desk (winter)' }],
      variables: {
        added: [{ name: 'vip', type: 'boolean', initial: false, description: '' }],
        removed: [{ name: 'attempts', type: 'number', initial: 0, description: '' }],
        changed: [{ name: 'tier', changes: [{ path: 'initial', change: 'changed', before: 'basic', after: 'gold' }] }],
      },
      nodes: {
        added: [{ id: 'billing', kind: 'voicemail', label: 'Billing voicemail' }],
        removed: [{ id: 'support', kind: 'play', label: 'Support' }],
        changed: [
          { id: 'start', kind: 'entry', label: 'Main line', changes: [{ path: 'label', change: 'changed', before: 'Main number', after: 'Main line' }] },
          {
            id: 'menu',
            kind: 'menu',
            label: 'Main menu',
            changes: [
              { path: 'config.options.1.label', change: 'changed', before: 'Support', after: 'Help' },
              { path: 'config.options.2', change: 'added', after: { digit: '3', label: 'Billing' } },
              { path: 'config.timeoutSecs', change: 'changed', before: 5, after: 8 },
            ],
          },
          {
            id: 'sales',
            kind: 'play',
            label: 'Sales',
            changes: [
              { path: 'config.prompt.text', change: 'removed', before: 'Sales is busy.' },
              { path: 'config.prompt.type', change: 'changed', before: 'tts', after: 'audio' },
              { path: 'config.prompt.url', change: 'added', after: 'https://cdn.example.com/sales.mp3' },
            ],
          },
        ],
        moved: [],
      },
      edges: {
        added: [
          { id: 'x1', source: 'menu', sourcePort: '2', target: 'sales' },
          { id: 'x2', source: 'menu', sourcePort: '3', target: 'billing' },
        ],
        removed: [
          { id: 'e3', source: 'menu', sourcePort: '2', target: 'support' },
          { id: 'e5', source: 'support', sourcePort: 'next', target: 'bye' },
        ],
      },
    });
  });

  it('reports moved nodes apart from changes: a layout-only edit has no changes', () => {
    const after = edited((document) => {
      node(document, 'menu').position = { x: 260, y: 40 };
      node(document, 'bye').position = { x: 0, y: 900 };
    });
    expect(diffFlows(parse(frontDesk()), parse(after))).toEqual({
      ...NO_CHANGES,
      nodes: {
        ...NO_CHANGES.nodes,
        moved: [
          { id: 'menu', kind: 'menu', label: 'Main menu', from: { x: 250, y: 0 }, to: { x: 260, y: 40 } },
          { id: 'bye', kind: 'hang-up', label: 'Bye', from: { x: 0, y: 150 }, to: { x: 0, y: 900 } },
        ],
      },
    });
  });

  it('reports a node moved and edited under both, and a kind change as a field of the node', () => {
    const after = edited((document) => {
      const sales = node(document, 'sales');
      sales.position = { x: 1, y: 2 };
      Object.assign(sales, { kind: 'hang-up', config: {} });
    });
    const diff = diffFlows(parse(frontDesk()), parse(after));
    expect(diff.nodes.moved).toEqual([{ id: 'sales', kind: 'hang-up', label: 'Sales', from: { x: 500, y: 0 }, to: { x: 1, y: 2 } }]);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'sales',
        kind: 'hang-up',
        label: 'Sales',
        changes: [
          { path: 'config.prompt', change: 'removed', before: { type: 'tts', text: 'Sales is busy.' } },
          { path: 'kind', change: 'changed', before: 'play', after: 'hang-up' },
        ],
      },
    ]);
  });

  it('compares connections as a multiset: one of two identical edges removed is one removal', () => {
    const twice = edited((document) => document.edges.push({ id: 'again', source: 'start', sourcePort: 'next', target: 'menu' }));
    expect(diffFlows(parse(twice), parse(frontDesk())).edges).toEqual({
      added: [],
      removed: [{ id: 'again', source: 'start', sourcePort: 'next', target: 'menu' }],
    });
  });

  it('distinguishes a null value from an absent one, and an object from an array', () => {
    const before = edited((document) => {
      node(document, 'bye').config = { goodbye: null };
    });
    const after = edited((document) => {
      node(document, 'bye').config = { extra: [] };
    });
    expect(diffFlows(parse(before), parse(after)).nodes.changed).toEqual([
      {
        id: 'bye',
        kind: 'hang-up',
        label: 'Bye',
        changes: [
          { path: 'config.extra', change: 'added', after: [] },
          { path: 'config.goodbye', change: 'removed', before: null },
        ],
      },
    ]);
    const objectToArray = edited((document) => {
      node(document, 'bye').config = { goodbye: [] };
    });
    expect(diffFlows(parse(before), parse(objectToArray)).nodes.changed[0]?.changes).toEqual([
      { path: 'config.goodbye', change: 'changed', before: null, after: [] },
    ]);
  });

  describe('properties over generated documents', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const json = fc.jsonValue({ maxDepth: 3 });
    const documentArbitrary = fc
      .record({
        nodes: fc.uniqueArray(
          fc.record({ id, kind: fc.constantFrom('play', 'menu'), label: fc.constantFrom('', 'x'), x: fc.integer({ min: 0, max: 3 }), config: fc.dictionary(fc.constantFrom('p', 'q'), json) }),
          { selector: (node) => node.id },
        ),
        edges: fc.array(fc.record({ source: id, sourcePort: fc.constantFrom('next', '1'), target: id }), { maxLength: 6 }),
      })
      .map(({ nodes, edges }) =>
        parse({
          format: 'callflow.flow/v1',
          metadata: { name: 'Generated' },
          nodes: nodes.map((node) => ({ id: node.id, kind: node.kind, version: 1, label: node.label, position: { x: node.x, y: 0 }, config: node.config })),
          edges: edges.map((edge, index) => ({ id: `e${index}`, ...edge })),
        }),
      );

    it('has no changes between a document and itself', () => {
      fc.assert(fc.property(documentArbitrary, (document) => expect(diffFlows(document, structuredClone(document))).toEqual(NO_CHANGES)));
    });

    it('swaps added and removed when the documents swap, and applying the node and edge lists rebuilds the newer ids', () => {
      fc.assert(
        fc.property(documentArbitrary, documentArbitrary, (before, after) => {
          const forward = diffFlows(before, after);
          const backward = diffFlows(after, before);
          expect(backward.hasChanges).toBe(forward.hasChanges);
          expect(backward.nodes.added.map((node) => node.id)).toEqual(forward.nodes.removed.map((node) => node.id));
          expect(backward.nodes.changed.map((node) => node.id).sort()).toEqual(forward.nodes.changed.map((node) => node.id).sort());
          expect(backward.edges.added.length).toBe(forward.edges.removed.length);

          const ids = new Set(before.nodes.map((node) => node.id));
          for (const node of forward.nodes.removed) ids.delete(node.id);
          for (const node of forward.nodes.added) ids.add(node.id);
          expect([...ids].sort()).toEqual(after.nodes.map((node) => node.id).sort());

          const key = (edge: { source: string; sourcePort: string; target: string }) => `${edge.source}.${edge.sourcePort}->${edge.target}`;
          const connections = before.edges.map(key);
          for (const edge of forward.edges.removed) connections.splice(connections.indexOf(key(edge)), 1);
          connections.push(...forward.edges.added.map(key));
          expect(connections.sort()).toEqual(after.edges.map(key).sort());
        }),
      );
    });
  });
});
