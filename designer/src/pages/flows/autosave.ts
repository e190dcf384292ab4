import type { SaveDraftResult } from '../../api/flows-client';
import type { DraftDocument } from '../../document/draft-document';
import type { EditorStore } from '../../store/editor-store';

export interface AutosaveOptions {
  store: EditorStore;
  /** PUTs the draft with the revision it is based on. */
  save(document: DraftDocument, revision: number): Promise<SaveDraftResult>;
  /** Quiet time after the last edit before saving (typing in a field is one save). */
  delayMs?: number;
}

export interface Autosave {
  /** Saves pending changes now (before publishing); resolves once nothing unsaved is left or saving stopped. */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Saves the draft a moment after each edit, one save at a time, always with the revision of the last successful save.
 * A conflict (someone else saved first) stops saving until the user chooses what to keep; a failed request is
 * retried after the next edit or flush.
 */
export function startAutosave({ store, save, delayMs = 800 }: AutosaveOptions): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;

  const pending = () => {
    const state = store.getState();
    return state.document !== state.savedDocument && state.saveConflict === null && state.revision !== null;
  };

  const saveNow = async (): Promise<void> => {
    const { document, revision } = store.getState();
    if (!pending() || revision === null) return;
    store.getState().startSave();
    try {
      store.getState().applySaveResult(document, await save(document, revision));
    } catch (error) {
      store.getState().applySaveFailure(error instanceof Error ? error.message : String(error));
    }
  };

  const run = (): Promise<void> => {
    inFlight ??= saveNow().finally(() => {
      inFlight = null;
      // Edits made while the request was out are saved next.
      if (pending() && store.getState().saveError === null) schedule();
    });
    return inFlight;
  };

  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const schedule = () => {
    cancel();
    timer = setTimeout(() => {
      timer = null;
      if (inFlight === null) void run();
    }, delayMs);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document !== previous.document && pending()) schedule();
  });

  return {
    async flush() {
      cancel();
      if (inFlight !== null) await inFlight;
      cancel();
      if (pending()) await run();
    },
    stop() {
      unsubscribe();
      cancel();
    },
  };
}
