import * as ops from './document-ops';
import type { DocumentSlice, EditorState } from './editor-state';

export type StoreSet = (partial: Partial<EditorState> | ((state: EditorState) => Partial<EditorState>)) => void;
export type StoreGet = () => EditorState;

const PASTE_OFFSET = 40;
const HISTORY_LIMIT = 200;

export function createDocumentSlice(set: StoreSet, get: StoreGet, initial: Pick<DocumentSlice, 'document'>): DocumentSlice {
  /** Records an undo step, unless `editKey` names the same edit as the last step (typing in one field is one step). */
  const change = (document: EditorState['document'], editKey: string | null = null, view: Partial<EditorState> = {}) => {
    const { history, document: previous } = get();
    const merge = editKey !== null && editKey === history.lastEdit;
    const past = merge ? history.past : [...history.past, previous].slice(-HISTORY_LIMIT);
    set({ document, history: { past, future: [], lastEdit: editKey }, ...view });
  };
  /** After undo or redo, selection keeps only what still exists. */
  const pruneSelection = () => {
    const { document, selection } = get();
    const nodes = new Set(document.nodes.map((node) => node.id));
    const edges = new Set(document.edges.map((edge) => edge.id));
    set({
      selection: { nodeIds: selection.nodeIds.filter((id) => nodes.has(id)), edgeIds: selection.edgeIds.filter((id) => edges.has(id)) },
    });
  };

  return {
    document: initial.document,
    history: { past: [], future: [], lastEdit: null },
    addNode(kind, position) {
      const { document, nodeId } = ops.addNode(get().document, kind, position);
      change(document, null, { selection: { nodeIds: [nodeId], edgeIds: [] } });
      return nodeId;
    },
    moveNodes(positions) {
      const document = ops.moveNodes(get().document, positions);
      if (document.nodes.some((node, index) => node !== get().document.nodes[index])) change(document);
    },
    updateNodeLabel(nodeId, label) {
      change(ops.updateNodeLabel(get().document, nodeId, label), `label:${nodeId}`);
    },
    updateNodeConfig(nodeId, config, field) {
      change(ops.updateNodeConfig(get().document, nodeId, config), field === undefined ? null : `config:${nodeId}:${field}`);
    },
    updateMetadata(metadata, field) {
      change({ ...get().document, metadata }, field === undefined ? null : `metadata:${field}`);
    },
    updateVariables(variables, field) {
      change({ ...get().document, variables }, field === undefined ? null : `variables:${field}`);
    },
    connect(request) {
      const result = ops.connect(get().document, request);
      if (result.check.ok && 'document' in result) change(result.document, null, { selection: { nodeIds: [], edgeIds: [result.edgeId] } });
      return result.check;
    },
    deleteSelection() {
      const { nodeIds, edgeIds } = get().selection;
      if (nodeIds.length === 0 && edgeIds.length === 0) return;
      change(ops.removeElements(get().document, nodeIds, edgeIds), null, { selection: { nodeIds: [], edgeIds: [] } });
    },
    paste() {
      const { clipboard, pasteCount } = get();
      if (!clipboard || clipboard.nodes.length === 0) return;
      const offset = PASTE_OFFSET * (pasteCount + 1);
      const pasted = ops.pasteFragment(get().document, clipboard, { x: offset, y: offset });
      change(pasted.document, null, { selection: { nodeIds: pasted.nodeIds, edgeIds: pasted.edgeIds }, pasteCount: pasteCount + 1 });
    },
    undo() {
      const { history, document } = get();
      const previous = history.past.at(-1);
      if (previous === undefined) return;
      set({ document: previous, history: { past: history.past.slice(0, -1), future: [document, ...history.future], lastEdit: null } });
      pruneSelection();
    },
    redo() {
      const { history, document } = get();
      const [next, ...future] = history.future;
      if (next === undefined) return;
      set({ document: next, history: { past: [...history.past, document], future, lastEdit: null } });
      pruneSelection();
    },
    replaceContent(document) {
      change(document, null, { selection: { nodeIds: [], edgeIds: [] } });
    },
    replaceDocument(document, source, revision = null) {
      set({
        history: { past: [], future: [], lastEdit: null },
        document,
        source,
        revision,
        savedDocument: document,
        saveConflict: null,
        saving: false,
        saveError: null,
        selection: { nodeIds: [], edgeIds: [] },
        simulation: null,
        pasteCount: 0,
      });
    },
  };
}
