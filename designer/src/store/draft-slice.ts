import type { DraftDocument } from '../document/draft-document';
import type { StoreSet } from './document-slice';
import type { DocumentSource, DraftSlice } from './editor-state';

export function createDraftSlice(set: StoreSet, initial: { document: DraftDocument; source: DocumentSource; revision?: number }): DraftSlice {
  return {
    source: initial.source,
    revision: initial.revision ?? null,
    savedDocument: initial.document,
    saveConflict: null,
    saving: false,
    saveError: null,
    markSaved(document) {
      set({ savedDocument: document });
    },
    startSave() {
      set({ saving: true });
    },
    applySaveResult(document, result) {
      if (result.status === 'saved') set({ savedDocument: document, revision: result.revision, saveConflict: null, saving: false, saveError: null });
      else set({ saveConflict: result.message, saving: false, saveError: null });
    },
    applySaveFailure(message) {
      set({ saving: false, saveError: message });
    },
    rebase(revision) {
      set({ revision, saveConflict: null });
    },
  };
}
