import type { DirectorySnapshot } from '@callflow/schemas';
import { createStore } from 'zustand';
import type { DraftDocument } from '../document/draft-document';
import { createDocumentSlice } from './document-slice';
import { createDraftSlice } from './draft-slice';
import type { DocumentSource, EditorState } from './editor-state';
import { createViewSlice } from './view-slice';

export type EditorStore = ReturnType<typeof createEditorStore>;

/** One store per open editor: the document with its undo history, the view, and the draft's save state. */
export function createEditorStore(options: { document: DraftDocument; source: DocumentSource; directory: DirectorySnapshot; revision?: number }) {
  return createStore<EditorState>()((set, get) => ({
    ...createDocumentSlice(set, get, options),
    ...createViewSlice(set, get, options.directory),
    ...createDraftSlice(set, options),
  }));
}
