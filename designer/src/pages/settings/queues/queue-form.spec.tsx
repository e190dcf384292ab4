import type { CreateQueueBody, Queue } from '@callflow/schemas';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithTheme } from '../../../../test/render';
import { QueueForm } from './queue-form';

const support: Queue = {
  id: 'support',
  name: 'Support',
  strategy: 'longest-idle',
  requiredSkills: [],
  members: [],
  maxWaitSecs: 300,
  maxSize: 20,
  announcePosition: true,
  announceExpectedWait: false,
  announceIntervalSecs: 60,
  agentRingTimeoutSecs: 20,
  wrapUpSecs: 0,
  holdAudio: { type: 'audio', url: 'https://cdn.example.com/support-hold.mp3' },
};

function renderForm(queue: Queue | null, onSubmit: (body: CreateQueueBody) => Promise<void>) {
  renderWithTheme(<QueueForm queue={queue} agents={[]} onSubmit={onSubmit} onCancel={() => undefined} />);
  return userEvent.setup({ delay: null });
}

const holdAudioField = () => screen.getByRole('textbox', { name: /^Hold audio URL/ });

// A whole Mantine form re-renders on every change: slow in jsdom on a loaded machine.
jest.setTimeout(60_000);

describe('queue form', () => {
  it('sends the hold audio URL as an audio prompt, and an empty one as null (the default hold music)', async () => {
    const onSubmit = jest.fn((_body: CreateQueueBody) => Promise.resolve());
    const user = renderForm(null, onSubmit);
    await user.click(screen.getByRole('textbox', { name: /^Name/ }));
    await user.paste('Billing');
    await user.click(holdAudioField());
    await user.paste(' https://cdn.example.com/billing-hold.mp3 ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ name: 'Billing', holdAudio: { type: 'audio', url: 'https://cdn.example.com/billing-hold.mp3' } });

    await user.clear(holdAudioField());
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1]![0]).toMatchObject({ name: 'Billing', holdAudio: null });
  });

  it("shows the queue's hold audio, and refuses a URL that is not http(s) on the field, sending nothing", async () => {
    const onSubmit = jest.fn(() => Promise.resolve());
    const user = renderForm(support, onSubmit);
    expect(holdAudioField()).toHaveValue('https://cdn.example.com/support-hold.mp3');
    await user.clear(holdAudioField());
    await user.paste('ftp://cdn.example.com/hold.mp3');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('an http(s) URL to an audio file')).toBeInTheDocument();
    expect(holdAudioField()).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("says that overflow leaves through the Queue node's timeout port", () => {
    renderForm(support, () => Promise.resolve());
    expect(screen.getByText(/callers leave through the Queue node's timeout port after the longest wait, or at once when the queue is full/)).toBeInTheDocument();
  });
});
