import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactElement } from 'react';
import { theme } from '../src/app/theme';
import { exampleDirectory, exampleDocument } from '../src/document/examples';
import { EditorStoreProvider } from '../src/store/editor-context';
import { createEditorStore, type EditorStore } from '../src/store/editor-store';

export function exampleStore(): EditorStore {
  return createEditorStore({ document: exampleDocument(), source: { type: 'example', name: 'Front desk' }, directory: exampleDirectory() });
}

/** Renders editor UI with the providers the editor page gives it. */
export function renderInEditor(ui: ReactElement, store: EditorStore = exampleStore()) {
  const result = render(
    <MantineProvider theme={theme}>
      <EditorStoreProvider store={store}>
        <ReactFlowProvider>{ui}</ReactFlowProvider>
      </EditorStoreProvider>
    </MantineProvider>,
  );
  return { ...result, store };
}

/** Renders UI outside the editor with the app's theme; dropdowns and dialogs open at once, in place (Mantine's test mode). */
export function renderWithTheme(ui: ReactElement) {
  return render(
    <MantineProvider theme={theme} env="test">
      {ui}
    </MantineProvider>,
  );
}
