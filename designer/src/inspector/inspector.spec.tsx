import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleStore, renderInEditor } from '../../test/render';
import { Inspector } from './inspector';

describe('inspector', () => {
  it('shows a new node’s form from its schema with zod’s messages beside the fields', () => {
    const store = exampleStore();
    store.getState().addNode('menu', { x: 0, y: 0 });
    renderInEditor(<Inspector />, store);
    expect(screen.getByRole('heading', { name: 'Menu' })).toBeInTheDocument();
    expect(screen.getByText('write what to say')).toBeInTheDocument();
    expect(screen.getByText('add at least one option')).toBeInTheDocument();
    expect(screen.getByText('Menu (node menu-1) cannot be reached from the start of the flow')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Text to speech' })).toBeChecked();
  });

  it('writes edits into the document and clears a message once the field is valid', async () => {
    const store = exampleStore();
    store.getState().addNode('menu', { x: 0, y: 0 });
    renderInEditor(<Inspector />, store);
    await userEvent.click(screen.getByRole('textbox', { name: 'Text' }));
    await userEvent.paste('Press 1 for sales');
    await userEvent.click(screen.getByRole('button', { name: 'Add option' }));
    const menu = () => store.getState().document.nodes.find((node) => node.id === 'menu-1')!;
    expect(menu().config.prompt).toEqual({ type: 'tts', text: 'Press 1 for sales', voice: 'female', language: 'en-US' });
    expect(menu().config.options).toEqual([{ digit: '0', label: '' }]);
    expect(screen.queryByText('write what to say')).not.toBeInTheDocument();
    expect(screen.queryByText('add at least one option')).not.toBeInTheDocument();
    expect(screen.getByText('name the option')).toBeInTheDocument();

    const [nodeLabel] = screen.getAllByRole('textbox', { name: 'Label' });
    await userEvent.type(nodeLabel!, 'x');
    expect(menu().label).toBe('x');
    act(() => {
      store.getState().undo();
      store.getState().undo();
    });
    expect(menu().config.options).toEqual([]);
  });

  it('switches a prompt between speech and an audio file, and turns optional prompts on', async () => {
    const store = exampleStore();
    store.getState().select(['menu']);
    renderInEditor(<Inspector />, store);
    const menu = () => store.getState().document.nodes.find((node) => node.id === 'menu')!;
    await userEvent.click(screen.getByRole('checkbox', { name: /Timeout prompt/ }));
    expect(menu().config.timeoutPrompt).toEqual({ type: 'tts', text: '', voice: 'female', language: 'en-US' });
    await userEvent.click(screen.getByRole('checkbox', { name: /Invalid prompt/ }));
    expect(menu().config.invalidPrompt).toBeNull();
    const prompt = screen.getByRole('group', { name: 'Prompt' });
    await userEvent.click(within(prompt).getByText('Audio'));
    expect(menu().config.prompt).toEqual({ type: 'audio', url: '' });
    expect(within(prompt).getByText('an http(s) URL to an audio file')).toBeInTheDocument();
  });

  it('treats an emptied optional number as “use the default”', () => {
    const store = exampleStore();
    store.getState().addNode('queue', { x: 0, y: 0 });
    renderInEditor(<Inspector />, store);
    const maxWait = screen.getByRole('textbox', { name: /Max wait/ });
    fireEvent.change(maxWait, { target: { value: '120' } });
    const queue = () => store.getState().document.nodes.find((node) => node.id === 'queue-1')!;
    expect(queue().config.maxWaitSecs).toBe(120);
    fireEvent.change(maxWait, { target: { value: '' } });
    expect(queue().config.maxWaitSecs).toBeNull();
  });

  it('edits the flow’s settings when nothing is selected', async () => {
    const { store } = renderInEditor(<Inspector />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    expect(screen.getByText('name the flow')).toBeInTheDocument();
    await userEvent.paste('Reception');
    expect(store.getState().document.metadata.name).toBe('Reception');
  });
});
