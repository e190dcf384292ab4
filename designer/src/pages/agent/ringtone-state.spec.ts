import { initialRingtone, isSounding, ringtoneReducer, soundNotice, type RingtoneEvent, type RingtoneState } from './ringtone-state';

const run = (state: RingtoneState, ...events: RingtoneEvent[]) => events.reduce(ringtoneReducer, state);

describe('ringtone and the browser autoplay rule', () => {
  it('asks for a click before it can ring, and rings once the audio output runs', () => {
    const locked = run(initialRingtone(false), { type: 'ringing', ringing: true });
    expect(isSounding(locked)).toBe(false);
    expect(soundNotice(locked)).toBe('Sound is off: click “Enable sound” to hear incoming calls.');

    const enabled = run(locked, { type: 'unlock-result', running: true });
    expect(enabled.sound).toBe('enabled');
    expect(isSounding(enabled)).toBe(true);
    expect(soundNotice(enabled)).toBeNull();
    expect(isSounding(run(enabled, { type: 'ringing', ringing: false }))).toBe(false);
  });

  it('rings at once when the browser already allows sound', () => {
    expect(isSounding(run(initialRingtone(true), { type: 'ringing', ringing: true }))).toBe(true);
  });

  it('says so when the browser blocks sound even after the click, and lets the agent try again', () => {
    const blocked = run(initialRingtone(false), { type: 'unlock-result', running: false }, { type: 'ringing', ringing: true });
    expect(blocked.sound).toBe('blocked');
    expect(isSounding(blocked)).toBe(false);
    expect(soundNotice(blocked)).toMatch(/blocks sound/);
    expect(run(blocked, { type: 'unlock-result', running: true }).sound).toBe('enabled');
  });

  it('stays silent while muted, and asks again when the browser suspends the output', () => {
    const muted = run(initialRingtone(true), { type: 'mute' }, { type: 'ringing', ringing: true }, { type: 'unlock-result', running: true });
    expect(muted.sound).toBe('muted');
    expect(isSounding(muted)).toBe(false);
    expect(run(muted, { type: 'unmute' }).sound).toBe('needs-click');

    const suspended = run(initialRingtone(true), { type: 'suspended' });
    expect(suspended.sound).toBe('needs-click');
    expect(run(muted, { type: 'suspended' }).sound).toBe('muted');
  });
});
