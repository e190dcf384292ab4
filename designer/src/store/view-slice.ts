import type { DirectorySnapshot } from '@callflow/schemas';
import { droppedPositions } from '../canvas/flow-adapter';
import { copyFragment } from './document-ops';
import type { StoreGet, StoreSet } from './document-slice';
import type { ViewSlice } from './editor-state';

export function createViewSlice(set: StoreSet, get: StoreGet, directory: DirectorySnapshot): ViewSlice {
  return {
    selection: { nodeIds: [], edgeIds: [] },
    clipboard: null,
    pasteCount: 0,
    simulation: null,
    directory,
    select(nodeIds, edgeIds = []) {
      set({ selection: { nodeIds, edgeIds } });
    },
    selectAll() {
      const { document } = get();
      set({ selection: { nodeIds: document.nodes.map((node) => node.id), edgeIds: document.edges.map((edge) => edge.id) } });
    },
    copy() {
      const { document, selection } = get();
      if (selection.nodeIds.length === 0) return;
      set({ clipboard: copyFragment(document, selection.nodeIds), pasteCount: 0 });
    },
    onNodesChange(changes) {
      const dropped = droppedPositions(changes);
      if (Object.keys(dropped).length > 0) get().moveNodes(dropped);
      let selected: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selected ??= new Set(get().selection.nodeIds);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (selected) set({ selection: { ...get().selection, nodeIds: [...selected] } });
    },
    onEdgesChange(changes) {
      let selected: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selected ??= new Set(get().selection.edgeIds);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (selected) set({ selection: { ...get().selection, edgeIds: [...selected] } });
    },
    showSimulation(path) {
      set({ simulation: path });
    },
    setDirectory(next) {
      set({ directory: next });
    },
  };
}
