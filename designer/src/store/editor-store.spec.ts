import { exampleDirectory, exampleDocument } from '../document/examples';
import { createEditorStore } from './editor-store';

const newStore = () => createEditorStore({ document: exampleDocument(), source: { type: 'example', name: 'Front desk' }, directory: exampleDirectory() });
const node = (store: ReturnType<typeof newStore>, id: string) => store.getState().document.nodes.find((candidate) => candidate.id === id);
const edgesFrom = (store: ReturnType<typeof newStore>, id: string) =>
  store
    .getState()
    .document.edges.filter((edge) => edge.source === id)
    .map((edge) => `${edge.sourcePort}→${edge.target}`);

describe('editor store: document operations', () => {
  it('adds a node from the catalog with a blank config, a free id, and selects it', () => {
    const store = newStore();
    const first = store.getState().addNode('menu', { x: 10, y: 20 });
    const second = store.getState().addNode('menu', { x: 10, y: 200 });
    expect([first, second]).toEqual(['menu-1', 'menu-2']);
    expect(node(store, 'menu-1')).toEqual({
      id: 'menu-1',
      kind: 'menu',
      version: 1,
      label: '',
      position: { x: 10, y: 20 },
      config: {
        prompt: { type: 'tts', text: '', voice: 'female', language: 'en-US' },
        options: [],
        timeoutSecs: 5,
        maxAttempts: 3,
        invalidPrompt: null,
        timeoutPrompt: null,
      },
    });
    expect(store.getState().selection).toEqual({ nodeIds: ['menu-2'], edgeIds: [] });
  });

  it('connects a free port and selects the new edge', () => {
    const store = newStore();
    expect(store.getState().connect({ source: 'billing', sourcePort: 'notFound', target: 'voicemail' })).toEqual({ ok: true });
    expect(edgesFrom(store, 'billing')).toContain('notFound→voicemail');
    expect(store.getState().selection.edgeIds).toHaveLength(1);
  });

  it('refuses a second edge from one port and leaves the document alone', () => {
    const store = newStore();
    const before = store.getState().document;
    expect(store.getState().connect({ source: 'menu', sourcePort: '1', target: 'voicemail' })).toEqual({
      ok: false,
      reason: '“1 · Service” is already connected: each output leads to one node',
    });
    expect(store.getState().document).toBe(before);
  });

  it('moves the edge of a menu option whose key changes, and drops the edge of a removed option', () => {
    const store = newStore();
    const menu = node(store, 'menu')!;
    const options = menu.config.options as { digit: string; label: string }[];
    store.getState().updateNodeConfig('menu', { ...menu.config, options: [{ ...options[0]!, digit: '5' }, options[1]!] }, 'options.0.digit');
    expect(edgesFrom(store, 'menu')).toEqual(['5→service', '2→billing', 'timeout→voicemail', 'noMatch→voicemail']);
    store.getState().updateNodeConfig('menu', { ...menu.config, options: [{ ...options[0]!, digit: '5' }] }, 'options');
    expect(edgesFrom(store, 'menu')).toEqual(['5→service', 'timeout→voicemail', 'noMatch→voicemail']);
  });

  it('deletes the selected nodes with every edge touching them', () => {
    const store = newStore();
    store.getState().select(['menu'], ['e11']);
    store.getState().deleteSelection();
    const { document, selection } = store.getState();
    expect(document.nodes.map((candidate) => candidate.id)).not.toContain('menu');
    expect(document.edges.map((edge) => edge.id)).toEqual(['e1', 'e3', 'e8', 'e9', 'e10']);
    expect(selection).toEqual({ nodeIds: [], edgeIds: [] });
  });

  it('selects everything', () => {
    const store = newStore();
    store.getState().selectAll();
    expect(store.getState().selection.nodeIds).toHaveLength(8);
    expect(store.getState().selection.edgeIds).toHaveLength(11);
  });
});

describe('editor store: undo and redo', () => {
  it('undoes and redoes document changes, one step each', () => {
    const store = newStore();
    const original = store.getState().document;
    store.getState().addNode('play', { x: 0, y: 0 });
    const added = store.getState().document;
    store.getState().connect({ source: 'billing', sourcePort: 'notFound', target: 'play-1' });
    store.getState().undo();
    expect(store.getState().document).toBe(added);
    store.getState().undo();
    expect(store.getState().document).toBe(original);
    store.getState().undo();
    expect(store.getState().document).toBe(original);
    store.getState().redo();
    expect(store.getState().document).toBe(added);
  });

  it('merges consecutive edits of one field into one step, but not edits of different fields', () => {
    const store = newStore();
    const original = store.getState().document;
    for (const label of ['D', 'De', 'Des', 'Desk']) store.getState().updateNodeLabel('billing', label);
    const labelled = store.getState().document;
    store.getState().updateNodeConfig('billing', { ...node(store, 'billing')!.config, extension: '1' }, 'extension');
    store.getState().updateNodeConfig('billing', { ...node(store, 'billing')!.config, extension: '12' }, 'extension');
    store.getState().undo();
    expect(store.getState().document).toBe(labelled);
    store.getState().undo();
    expect(store.getState().document).toBe(original);
  });

  it('a new change after undo clears what could be redone', () => {
    const store = newStore();
    store.getState().addNode('play', { x: 0, y: 0 });
    store.getState().undo();
    store.getState().addNode('hang-up', { x: 0, y: 0 });
    store.getState().redo();
    expect(store.getState().document.nodes.map((candidate) => candidate.id)).toContain('hang-up-1');
    expect(store.getState().document.nodes.map((candidate) => candidate.id)).not.toContain('play-1');
  });

  it('drops what no longer exists from the selection when undoing', () => {
    const store = newStore();
    store.getState().addNode('play', { x: 0, y: 0 });
    expect(store.getState().selection.nodeIds).toEqual(['play-1']);
    store.getState().undo();
    expect(store.getState().selection.nodeIds).toEqual([]);
  });

  it('leaves sizes and drags in progress to React Flow; a drag is one undo step when it ends', () => {
    const store = newStore();
    const original = store.getState();
    store.getState().onNodesChange([
      { type: 'dimensions', id: 'menu', dimensions: { width: 240, height: 180 } },
      { type: 'position', id: 'menu', position: { x: 600, y: 0 }, dragging: true },
    ]);
    store.getState().onNodesChange([{ type: 'position', id: 'menu', position: { x: 650, y: 10 }, dragging: true }]);
    expect(store.getState()).toBe(original);

    store.getState().onNodesChange([{ type: 'select', id: 'menu', selected: true }]);
    expect(store.getState().document).toBe(original.document);
    expect(store.getState().selection.nodeIds).toEqual(['menu']);

    store.getState().onNodesChange([{ type: 'position', id: 'menu', position: { x: 660, y: 12 }, dragging: false }]);
    expect(node(store, 'menu')?.position).toEqual({ x: 660, y: 12 });
    store.getState().undo();
    expect(store.getState().document).toBe(original.document);
  });

  it('starts a fresh history when another document is opened', () => {
    const store = newStore();
    store.getState().addNode('play', { x: 0, y: 0 });
    store.getState().replaceDocument(exampleDocument(), { type: 'file', name: 'copy.flow.json' });
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().source).toEqual({ type: 'file', name: 'copy.flow.json' });
  });
});

describe('editor store: copy and paste', () => {
  it('pastes copies with new ids, shifted, with the edges between them only', () => {
    const store = newStore();
    store.getState().select(['service', 'bye', 'voicemail']);
    store.getState().copy();
    store.getState().paste();
    const { document, selection } = store.getState();
    expect(selection.nodeIds).toEqual(['ring-group-1', 'voicemail-1', 'hang-up-1']);
    expect(node(store, 'ring-group-1')?.position).toEqual({ x: 820, y: -160 });
    expect(node(store, 'ring-group-1')?.config).toEqual(node(store, 'service')?.config);
    expect(edgesFrom(store, 'ring-group-1')).toEqual(['noAnswer→voicemail-1', 'answered→hang-up-1']);
    expect(selection.edgeIds).toHaveLength(2);
    expect(document.edges.filter((edge) => edge.target === 'ring-group-1')).toEqual([]);
  });

  it('shifts each further paste again', () => {
    const store = newStore();
    store.getState().select(['bye']);
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    expect(node(store, 'hang-up-2')?.position).toEqual({ x: 1120, y: -120 });
  });

  it('does not paste a second entry', () => {
    const store = newStore();
    store.getState().select(['entry', 'hours']);
    store.getState().copy();
    store.getState().paste();
    expect(store.getState().document.nodes.filter((candidate) => candidate.kind === 'entry')).toHaveLength(1);
    expect(store.getState().selection.nodeIds).toEqual(['business-hours-1']);
  });

  it('pastes the copy as it was when copied', () => {
    const store = newStore();
    store.getState().select(['bye']);
    store.getState().copy();
    store.getState().updateNodeLabel('bye', 'Changed');
    store.getState().paste();
    expect(node(store, 'hang-up-1')?.label).toBe('Goodbye');
  });
});

describe('editor store: saving', () => {
  it('tracks the saved document and revision, and a conflict until the next successful save', () => {
    const store = newStore();
    store.getState().addNode('play', { x: 0, y: 0 });
    const edited = store.getState().document;
    expect(store.getState().savedDocument).not.toBe(edited);
    store.getState().applySaveResult(edited, { status: 'conflict', message: 'Ann saved revision 4 first' });
    expect(store.getState().saveConflict).toBe('Ann saved revision 4 first');
    expect(store.getState().savedDocument).not.toBe(edited);
    store.getState().applySaveResult(edited, { status: 'saved', revision: 5 });
    expect(store.getState()).toMatchObject({ savedDocument: edited, revision: 5, saveConflict: null });
  });
});
