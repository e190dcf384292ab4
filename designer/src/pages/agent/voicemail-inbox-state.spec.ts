import { voicemail } from '../../../test/fixtures';
import { emptyInbox, unreadCount, voicemailInboxReducer, type VoicemailInboxAction, type VoicemailInboxState } from './voicemail-inbox-state';

const apply = (state: VoicemailInboxState, ...actions: VoicemailInboxAction[]) => actions.reduce(voicemailInboxReducer, state);
const ids = (state: VoicemailInboxState) => state.voicemails.map((entry) => entry.callerNumber);

describe('voicemail inbox state', () => {
  it('puts a voicemail announced live on top, unread, once however often it is announced', () => {
    const listed = apply(emptyInbox(), { type: 'loaded', voicemails: [voicemail(2, { readAt: '2026-11-21T10:05:00.000Z' }), voicemail(1)] });
    expect(unreadCount(listed)).toBe(1);
    const next = apply(listed, { type: 'created', voicemail: voicemail(3) }, { type: 'created', voicemail: voicemail(3) });
    expect(ids(next)).toEqual(['+14155550103', '+14155550102', '+14155550101']);
    expect(unreadCount(next)).toBe(2);
  });

  it('keeps what arrived live before the list, and after a reconnection takes the list as the truth for what it covers', () => {
    // An announcement can beat the first answer of the API.
    const early = apply(emptyInbox(), { type: 'created', voicemail: voicemail(3) });
    expect(early).toEqual({ voicemails: [voicemail(3)], loaded: false });
    const listed = apply(early, { type: 'loaded', voicemails: [voicemail(2), voicemail(1)] });
    expect(ids(listed)).toEqual(['+14155550103', '+14155550102', '+14155550101']);
    expect(listed.loaded).toBe(true);

    // Read again after a reconnection: 4 was left while disconnected, 1 was deleted elsewhere, 3 stays (newer than the page).
    const reloaded = apply(listed, { type: 'loaded', voicemails: [voicemail(4), voicemail(2)] });
    expect(ids(reloaded)).toEqual(['+14155550104', '+14155550102']);
  });

  it('marks one read, and an older answer does not make it unread again', () => {
    const listed = apply(emptyInbox(), { type: 'loaded', voicemails: [voicemail(2), voicemail(1)] });
    const read = apply(listed, { type: 'updated', voicemail: voicemail(1, { readAt: '2026-11-21T10:09:00.000Z' }) });
    expect(read.voicemails.map((entry) => entry.readAt)).toEqual([null, '2026-11-21T10:09:00.000Z']);
    const stale = apply(read, { type: 'loaded', voicemails: [voicemail(2), voicemail(1)] });
    expect(stale.voicemails.map((entry) => entry.readAt)).toEqual([null, '2026-11-21T10:09:00.000Z']);
    expect(unreadCount(stale)).toBe(1);
  });
});
