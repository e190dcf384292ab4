import type { SaveDraftResult } from '../../api/flows-client';
import type { DraftDocument } from '../../document/draft-document';
import { exampleDirectory, exampleDocument } from '../../document/examples';
import { createEditorStore } from '../../store/editor-store';
import { startAutosave } from './autosave';

interface SaveCall {
  document: DraftDocument;
  revision: number;
  answer(result: SaveDraftResult): Promise<void>;
  fail(error: Error): Promise<void>;
}

/** A store at revision 3 of a stored draft, autosaved through `calls` (each answered by the test). */
function setUp() {
  const store = createEditorStore({ document: exampleDocument(), source: { type: 'flow', flowId: 'f' }, directory: exampleDirectory(), revision: 3 });
  const calls: SaveCall[] = [];
  const autosave = startAutosave({
    store,
    delayMs: 500,
    save: (document, revision) =>
      new Promise<SaveDraftResult>((resolve, reject) => {
        calls.push({
          document,
          revision,
          answer: async (result) => {
            resolve(result);
            await jest.runOnlyPendingTimersAsync();
          },
          fail: async (error) => {
            reject(error);
            await jest.runOnlyPendingTimersAsync();
          },
        });
      }),
  });
  return { store, calls, autosave };
}

describe('autosave of the draft', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('saves once after a burst of edits, with the loaded revision, then with the revision the API returned', async () => {
    const { store, calls, autosave } = setUp();
    store.getState().updateNodeLabel('billing', 'B');
    store.getState().updateNodeLabel('billing', 'Bi');
    jest.advanceTimersByTime(499);
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(calls.map((call) => call.revision)).toEqual([3]);
    expect(calls[0]!.document).toBe(store.getState().document);
    expect(store.getState().saving).toBe(true);

    await calls[0]!.answer({ status: 'saved', revision: 4 });
    expect(store.getState()).toMatchObject({ saving: false, revision: 4 });
    expect(store.getState().savedDocument).toBe(store.getState().document);

    store.getState().updateNodeLabel('billing', 'Billing');
    jest.advanceTimersByTime(500);
    expect(calls.map((call) => call.revision)).toEqual([3, 4]);
    autosave.stop();
  });

  it('saves edits made while a save was out afterwards, with the new revision', async () => {
    const { store, calls, autosave } = setUp();
    store.getState().updateNodeLabel('billing', 'First');
    jest.advanceTimersByTime(500);
    store.getState().updateNodeLabel('bye', 'Second');
    jest.advanceTimersByTime(500);
    expect(calls).toHaveLength(1);

    await calls[0]!.answer({ status: 'saved', revision: 4 });
    expect(store.getState().savedDocument).not.toBe(store.getState().document);
    jest.advanceTimersByTime(500);
    expect(calls.map((call) => call.revision)).toEqual([3, 4]);
    expect(calls[1]!.document).toBe(store.getState().document);
    autosave.stop();
  });

  it('stops saving after a conflict until the draft is reloaded', async () => {
    const { store, calls, autosave } = setUp();
    store.getState().updateNodeLabel('billing', 'Mine');
    jest.advanceTimersByTime(500);
    await calls[0]!.answer({ status: 'conflict', message: 'Someone else saved revision 4 first' });
    expect(store.getState().saveConflict).toBe('Someone else saved revision 4 first');

    store.getState().updateNodeLabel('billing', 'Mine again');
    jest.advanceTimersByTime(5000);
    await autosave.flush();
    expect(calls).toHaveLength(1);

    store.getState().replaceDocument(exampleDocument(), { type: 'flow', flowId: 'f' }, 4);
    store.getState().updateNodeLabel('billing', 'After reload');
    jest.advanceTimersByTime(500);
    expect(calls.map((call) => call.revision)).toEqual([3, 4]);
    autosave.stop();
  });

  it('keeps a failed save as unsaved, says why, and retries on the next edit', async () => {
    const { store, calls, autosave } = setUp();
    store.getState().updateNodeLabel('billing', 'One');
    jest.advanceTimersByTime(500);
    await calls[0]!.fail(new Error('The server cannot be reached'));
    expect(store.getState()).toMatchObject({ saving: false, saveError: 'The server cannot be reached', revision: 3 });

    store.getState().updateNodeLabel('billing', 'Two');
    jest.advanceTimersByTime(500);
    await calls[1]!.answer({ status: 'saved', revision: 4 });
    expect(store.getState()).toMatchObject({ saveError: null, revision: 4 });
    autosave.stop();
  });

  it('flush saves at once without waiting for the quiet time', async () => {
    const { store, calls, autosave } = setUp();
    store.getState().updateNodeLabel('billing', 'Now');
    const flushed = autosave.flush();
    expect(calls).toHaveLength(1);
    await calls[0]!.answer({ status: 'saved', revision: 4 });
    await flushed;
    expect(store.getState().savedDocument).toBe(store.getState().document);
    autosave.stop();
  });

  it('does nothing for a document that is not a stored draft', () => {
    const store = createEditorStore({ document: exampleDocument(), source: { type: 'example', name: 'Front desk' }, directory: exampleDirectory() });
    const save = jest.fn();
    const autosave = startAutosave({ store, save, delayMs: 10 });
    store.getState().updateNodeLabel('billing', 'Local only');
    jest.advanceTimersByTime(100);
    expect(save).not.toHaveBeenCalled();
    autosave.stop();
  });
});
