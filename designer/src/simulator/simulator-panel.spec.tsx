import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleStore, renderInEditor } from '../../test/render';
import { SimulatorPanel } from './simulator-panel';

async function startTuesdayMorningCall() {
  fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-24' } });
  fireEvent.change(screen.getByLabelText('Time'), { target: { value: '10:00' } });
  await userEvent.click(screen.getByRole('button', { name: 'Start call' }));
}

const keypad = () => within(screen.getByRole('group', { name: 'Keypad' }));

describe('simulator panel', () => {
  it('plays the menu prompt as text and waits for a key, with the path so far lit', async () => {
    const { store } = renderInEditor(<SimulatorPanel />);
    await startTuesdayMorningCall();
    expect(screen.getByText('Waiting for the caller at “Main menu”')).toBeInTheDocument();
    expect(screen.getByText('say “Thanks for calling Acme Plumbing. For service, press 1. For billing, press 2.”')).toBeInTheDocument();
    expect(store.getState().simulation).toEqual({ visitedNodeIds: ['entry', 'hours', 'menu'], traversedEdgeIds: ['e1', 'e2'], lastNodeId: 'menu' });
  });

  it('follows keys pressed on the keypad to where the call ends', async () => {
    const { store } = renderInEditor(<SimulatorPanel />);
    await startTuesdayMorningCall();
    await userEvent.click(keypad().getByRole('button', { name: '1' }));
    expect(screen.getByText('Call ended at “Goodbye”: answered')).toBeInTheDocument();
    expect(screen.getByText('Ann Diaz (110) answered')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Caller script/ })).toHaveValue('press:1');
    expect(store.getState().simulation?.visitedNodeIds).toEqual(['entry', 'hours', 'menu', 'service', 'bye']);
    expect(keypad().getByRole('button', { name: '2' })).toBeDisabled();
  });

  it('takes the agents’ availability into account', async () => {
    renderInEditor(<SimulatorPanel />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Ann Diaz is available' }));
    await startTuesdayMorningCall();
    await userEvent.click(keypad().getByRole('button', { name: '1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(screen.getByText('Call ended at “Voicemail”: voicemail')).toBeInTheDocument();
    expect(screen.getByText('skipped Ann Diaz (110) (offline), Bob Lee (111) (do-not-disturb)')).toBeInTheDocument();
  });

  it('runs a written script, and says which step it cannot read', async () => {
    renderInEditor(<SimulatorPanel />);
    const script = screen.getByRole('textbox', { name: /Caller script/ });
    fireEvent.change(script, { target: { value: 'press:2,pres' } });
    expect(screen.getByText('cannot read script step "pres": use press:DIGITS, silence or hangup')).toBeInTheDocument();
    fireEvent.change(script, { target: { value: 'press:2,hangup' } });
    await startTuesdayMorningCall();
    expect(screen.getByText(/^Call ended at “Billing desk”/)).toBeInTheDocument();
  });

  it('refuses to run a flow with errors and clears the lit path when reset', async () => {
    const store = exampleStore();
    store.getState().select([], ['e1']);
    store.getState().deleteSelection();
    renderInEditor(<SimulatorPanel />, store);
    await startTuesdayMorningCall();
    expect(screen.getByText('the flow has 1 error: fix it to simulate')).toBeInTheDocument();
    act(() => store.getState().undo());
    expect(await screen.findByText('Waiting for the caller at “Main menu”')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'End and reset' }));
    expect(store.getState().simulation).toBeNull();
  });
});
