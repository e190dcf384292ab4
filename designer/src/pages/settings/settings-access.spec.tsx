import type { Role, Session, User } from '@callflow/schemas';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { renderWithTheme } from '../../../test/render';
import { sessionStore } from '../../auth';
import { EntitySection } from './entity-section';
import { SettingsPage } from './settings-page';
import { visibleSections } from './settings-sections';
import { UserForm } from './users/user-form';

function signInAs(role: Role) {
  const session: Session = {
    accessToken: 'token',
    accessTokenExpiresIn: 900,
    refreshToken: 'refresh',
    user: { id: '0b6a3f7e-5d4c-4b3a-8f2e-1d0c9b8a7f6e', tenantId: '1c7b4e8f-6e5d-4c4b-9a3f-2e1d0c9b8a7f', email: `${role}@example.test`, name: role, role, agentId: null, createdAt: '2026-01-01T00:00:00.000Z' },
    tenant: { id: '1c7b4e8f-6e5d-4c4b-9a3f-2e1d0c9b8a7f', name: 'Example' },
  };
  act(() => sessionStore.getState().signIn(session));
}

afterEach(() => act(() => sessionStore.getState().signOut()));

describe('settings offered by role', () => {
  it('shows supervisors the directory but not the users; admins everything; agents nothing', () => {
    const ids = (role: Role) => visibleSections(role).map((section) => section.id);
    expect(ids('agent')).toEqual([]);
    expect(ids('supervisor')).toEqual(['numbers', 'agents', 'ring-groups', 'queues', 'schedules', 'voicemail']);
    expect(ids('admin')).toEqual([...ids('supervisor'), 'users']);
    expect(ids('owner')).toEqual(ids('admin'));
  });

  it('tells an agent that settings are not for their role', () => {
    signInAs('agent');
    renderWithTheme(
      <MemoryRouter initialEntries={['/settings/agents']}>
        <SettingsPage />
      </MemoryRouter>,
    );
    expect(screen.getByText('Not available to your role')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Settings' })).not.toBeInTheDocument();
  });

  const queues = { data: [{ id: 'support', name: 'Support' }], error: null, loading: false, reload: () => undefined };
  const renderQueues = () =>
    renderWithTheme(
      <EntitySection
        sectionId="queues"
        noun="queue"
        items={queues}
        columns={[{ label: 'Name', render: (queue) => queue.name }]}
        editor={({ item }) => <p>Editing {item?.name ?? 'a new queue'}</p>}
        remove={() => Promise.resolve()}
      />,
    );

  it('lets a supervisor read a section without offering changes', async () => {
    signInAs('supervisor');
    renderQueues();
    expect(screen.getByRole('cell', { name: 'Support' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New queue' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('cell', { name: 'Support' }));
    expect(screen.queryByText('Editing Support')).not.toBeInTheDocument();
  });

  it("lets an admin add, and open a row's editor from the keyboard", async () => {
    signInAs('admin');
    renderQueues();
    screen.getByRole('cell', { name: 'Support' }).closest('tr')!.focus();
    await userEvent.keyboard('{Enter}');
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('Editing Support')).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Remove this queue' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New queue' })).toBeInTheDocument();
  });
});

describe('roles a user may be given', () => {
  const owner: User = { id: '2d8c5f9a-7f6e-4d5c-8b4a-3f2e1d0c9b8a', tenantId: '1c7b4e8f-6e5d-4c4b-9a3f-2e1d0c9b8a7f', email: 'olga@example.test', name: 'Olga', role: 'owner', agentId: null, createdAt: '2026-01-01T00:00:00.000Z' };
  const noop = () => Promise.resolve();

  async function roleOptions(callerRole: Role, user: User | null) {
    renderWithTheme(<UserForm user={user} callerRole={callerRole} agents={[]} onCreate={noop} onUpdate={noop} onCancel={() => undefined} />);
    const select = screen.getByRole('combobox', { name: /^Role/ });
    if (select.hasAttribute('disabled')) return { disabled: true, options: [] };
    await userEvent.click(select);
    return { disabled: false, options: screen.getAllByRole('option').map((option) => option.textContent?.split(' — ')[0]) };
  }

  it('offers admins every role but owner', async () => {
    expect(await roleOptions('admin', null)).toEqual({ disabled: false, options: ['Admin', 'Supervisor', 'Agent'] });
  });

  it('offers owners the owner role too', async () => {
    expect(await roleOptions('owner', null)).toEqual({ disabled: false, options: ['Owner', 'Admin', 'Supervisor', 'Agent'] });
  });

  it("does not let an admin change an owner's role", async () => {
    expect(await roleOptions('admin', owner)).toEqual({ disabled: true, options: [] });
    expect(screen.getByText('Only owners change who is an owner')).toBeInTheDocument();
  });
});
