import type { AgentView, CreateAgentBody, DirectoryConflict } from '@callflow/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithTheme } from '../../../../test/render';
import { ApiError } from '../../../api/http';
import { AgentForm } from './agent-form';

const bob: AgentView = {
  id: 'bob',
  name: 'Bob',
  extension: '102',
  directNumber: null,
  endpoint: { type: 'sandbox', id: 'bob-phone' },
  skills: [{ skill: 'billing', level: 6 }],
  maxConcurrentCalls: 1,
  presence: 'available',
  activeCalls: 0,
  lastCallEndedAt: null,
  doNotDisturbUntil: null,
  vacation: null,
  callForwardingNumber: null,
  ringTimeoutSecs: 20,
  weight: 1,
  timeZone: 'America/New_York',
  user: null,
  availability: { availableNow: true, reason: null, forwardTo: null, at: '2026-11-20T10:00:00.000Z' },
};

function renderForm(agent: AgentView | null, onSubmit: (body: CreateAgentBody) => Promise<void>) {
  renderWithTheme(<AgentForm agent={agent} agents={[bob]} defaultTimeZone="America/New_York" onSubmit={onSubmit} onCancel={() => undefined} />);
  return userEvent.setup({ delay: null });
}

const field = (label: string) => screen.getByRole('textbox', { name: new RegExp(`^${label}`) });

/** Puts text into an input in one change (typing key by key re-renders the whole form each time: slow in jsdom). */
async function fill(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

// Each test fills a whole form, re-rendered on every change: it can take tens of seconds in jsdom on a loaded machine.
jest.setTimeout(60_000);

describe('agent form', () => {
  it("shows the API schema's messages next to the fields, and sends nothing", async () => {
    const onSubmit = jest.fn(() => Promise.resolve());
    const user = renderForm(null, onSubmit);
    await fill(user, field('Extension'), '1');
    await user.click(screen.getByRole('switch', { name: 'On vacation' }));
    await fill(user, screen.getByLabelText(/^From/), '2026-07-10');
    await fill(user, screen.getByLabelText(/^To \(included\)/), '2026-07-01');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('name must not be empty')).toBeInTheDocument();
    expect(screen.getByText('expected an extension of 2 to 6 digits')).toBeInTheDocument();
    expect(screen.getByText('"to" must not be before "from"')).toBeInTheDocument();
    expect(field('Extension')).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the body the API takes: vacation with its forward, empty optional fields as null', async () => {
    const onSubmit = jest.fn((_body: CreateAgentBody) => Promise.resolve());
    const user = renderForm(null, onSubmit);
    await fill(user, field('Name'), 'Ann');
    await fill(user, field('Extension'), '101');
    await fill(user, field('Sandbox phone id'), 'ann-phone');
    await user.click(screen.getByRole('button', { name: 'Add skill' }));
    await fill(user, screen.getByRole('textbox', { name: 'Skill 1' }), 'spanish');
    await user.click(screen.getByRole('switch', { name: 'On vacation' }));
    await fill(user, screen.getByLabelText(/^From/), '2026-07-01');
    await fill(user, screen.getByLabelText(/^To \(included\)/), '2026-07-14');
    await user.click(screen.getByRole('combobox', { name: 'Forward calls to' }));
    await user.click(await screen.findByRole('option', { name: 'A phone number' }));
    await fill(user, screen.getByRole('textbox', { name: 'Message' }), 'Back on the 15th');
    await fill(user, screen.getByRole('textbox', { name: 'Number' }), '+14155550123');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      name: 'Ann',
      extension: '101',
      directNumber: null,
      endpoint: { type: 'sandbox', id: 'ann-phone' },
      skills: [{ skill: 'spanish', level: 5 }],
      maxConcurrentCalls: 1,
      ringTimeoutSecs: 20,
      weight: 1,
      timeZone: 'America/New_York',
      callForwardingNumber: null,
      vacation: { from: '2026-07-01', to: '2026-07-14', message: 'Back on the 15th', forwardTo: { type: 'number', number: '+14155550123' } },
    });
  });

  it("puts the API's 400 issues on the fields they name", async () => {
    const refusal = new ApiError(400, 'directNumber: taken', [
      { path: 'directNumber', message: 'this number belongs to a phone line' },
      { path: 'skills.0.skill', message: 'unknown skill' },
    ]);
    const user = renderForm(bob, () => Promise.reject(refusal));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('this number belongs to a phone line')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Skill 1' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('unknown skill')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says clearly who holds a taken extension (409)', async () => {
    const body: DirectoryConflict = {
      statusCode: 409,
      error: 'Conflict',
      message: 'The extension 102 is already used by ring group "Sales" (sales)',
      conflicts: [{ type: 'ring-group', id: 'sales', name: 'Sales', detail: 'extension 102' }],
    };
    const user = renderForm(bob, () => Promise.reject(new ApiError(409, body.message, [], body)));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Conflict')).toBeInTheDocument();
    expect(within(alert).getByText(body.message)).toBeInTheDocument();
    expect(within(alert).getByText('Ring group “Sales”: extension 102')).toBeInTheDocument();
    expect(screen.getByText('taken by Ring group “Sales”')).toBeInTheDocument();
  });
});
