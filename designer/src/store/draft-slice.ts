import type { DraftDocument } from '../document/draft-document';
import type { StoreSet } from './document-slice';
import type { DocumentSource, DraftSlice } from './editor-state';

export function createDraftSlice(set: StoreSet, initial: { document: DraftDocument; source: DocumentSource }): DraftSlice {
  return {
    source: initial.source,
    revision: null,
    savedDocument: initial.document,
    saveConflict: null,
    markSaved(document) {
      set({ savedDocument: document });
    },
    applySaveResult(document, result) {
      if (result.status === 'saved') set({ savedDocument: document, revision: result.revision, saveConflict: null });
      else set({ saveConflict: result.message });
    },
  };
}
