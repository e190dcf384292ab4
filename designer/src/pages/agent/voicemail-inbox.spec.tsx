import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REALTIME_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@callflow/schemas';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Server } from 'socket.io';
import { agentSession, voicemail } from '../../../test/fixtures';
import { renderWithTheme } from '../../../test/render';
import { createSessionStore } from '../../auth/session-store';
import { createLiveConnection, type LiveConnection } from '../../realtime';
import { VoicemailInbox, type VoicemailSource } from './voicemail-inbox';

/*
 * The console's inbox on a real live connection to a Socket.io server: a voicemail announced with
 * `voicemail.created.v1` shows at once, unread, with no request for the list.
 */

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

describe('voicemail inbox', () => {
  let http: HttpServer;
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  let connection: LiveConnection;
  let release: () => void;

  beforeAll(async () => {
    http = createServer();
    // Long polling: jsdom's module resolution has no WebSocket server (see live-connection.spec.ts).
    io = new Server(http, { path: REALTIME_PATH, transports: ['polling'], cors: { origin: '*' } });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const sessions = createSessionStore(memoryStorage);
    sessions.getState().signIn(agentSession('token-ann'));
    connection = createLiveConnection({ sessions, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, refreshSession: async () => null });
    release = connection.retain();
    await waitFor(() => expect(connection.state.getState().status).toBe('live'));
  });

  afterAll(async () => {
    release();
    await io.close();
  });

  it('adds a voicemail announced live on top, unread, once, without asking for the list again', async () => {
    let lists = 0;
    const source: VoicemailSource = {
      voicemails: async () => {
        lists += 1;
        return { voicemails: [voicemail(1, { readAt: '2026-11-21T10:05:00.000Z' })], nextCursor: null };
      },
      markVoicemailRead: async (id) => voicemail(Number(id.slice(-1)), { readAt: '2026-11-21T10:09:00.000Z' }),
    };
    renderWithTheme(<VoicemailInbox source={source} connection={connection} />);
    await screen.findByText('+14155550101');
    expect(screen.queryByTestId('unread-voicemails')).toBeNull();
    const listsBefore = lists;

    act(() => {
      io.emit('voicemail.created.v1', voicemail(2, { transcription: 'Please call me back' }));
      io.emit('voicemail.created.v1', voicemail(2, { transcription: 'Please call me back' }));
    });
    const fresh = await screen.findByTestId(`voicemail-${voicemail(2).id}`);
    expect(fresh).toHaveAttribute('data-unread', 'true');
    expect(within(fresh).getByText('“Please call me back”')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => within(item).getAllByText(/^\+1415/)[0]!.textContent)).toEqual(['+14155550102', '+14155550101']);
    expect(screen.getByTestId('unread-voicemails')).toHaveTextContent('1 unread');
    expect(lists).toBe(listsBefore);

    await userEvent.click(within(fresh).getByRole('button', { name: 'Mark read' }));
    await waitFor(() => expect(fresh).toHaveAttribute('data-unread', 'false'));
    expect(screen.queryByTestId('unread-voicemails')).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });
});
