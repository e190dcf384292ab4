import type { CarrierEvent } from '../contracts';
import { CallLegs, TRANSFER_LEG_ID } from './carrier-events';

const MAIN = 'v3:main-leg';
let sequence = 0;
const event = (type: string, payload: Record<string, unknown> = {}, overrides: Partial<CarrierEvent> = {}): CarrierEvent => ({
  id: `event-${++sequence}`,
  type,
  occurredAt: '2026-11-24T15:00:00.000000Z',
  callControlId: MAIN,
  callLegId: 'leg',
  callSessionId: 'session',
  clientState: null,
  payload,
  ...overrides,
});
const tts = { type: 'tts', text: 'Hello', voice: 'female', language: 'en-US' } as const;

describe('CallLegs', () => {
  it('starts the call from the inbound call.initiated and ignores events of unknown legs', () => {
    const legs = new CallLegs(MAIN);
    expect(legs.toEngineEvent(event('call.initiated', { from: '+14155550123', to: '+18005550100' }), 'call-1')).toEqual({
      type: 'call.started',
      call: { callId: 'call-1', from: '+14155550123', to: '+18005550100' },
    });
    expect(legs.toEngineEvent(event('call.answered', {}, { callControlId: 'v3:stranger' }), 'call-1')).toBeNull();
  });

  it('finishes prompts in the order they were played, speech and audio separately', () => {
    const legs = new CallLegs(MAIN);
    legs.promptStarted('prompt-1', tts);
    legs.promptStarted('prompt-2', { type: 'audio', url: 'https://example.test/a.mp3' });
    legs.promptStarted('prompt-3', tts);
    expect(legs.toEngineEvent(event('call.playback.ended', { status: 'completed' }), 'c')).toEqual({ type: 'prompt.ended', promptId: 'prompt-2', status: 'completed' });
    expect(legs.toEngineEvent(event('call.speak.ended', { status: 'completed' }), 'c')).toMatchObject({ promptId: 'prompt-1' });
    expect(legs.toEngineEvent(event('call.speak.ended', { status: 'completed' }), 'c')).toMatchObject({ promptId: 'prompt-3' });
    expect(legs.toEngineEvent(event('call.speak.ended', { status: 'completed' }), 'c')).toBeNull();
  });

  it('ignores media stopped on purpose, so a late "cancelled" never finishes the next prompt', () => {
    const legs = new CallLegs(MAIN);
    legs.promptStarted('prompt-1', tts);
    legs.playbackStopped();
    legs.promptStarted('prompt-2', tts);
    expect(legs.toEngineEvent(event('call.speak.ended', { status: 'cancelled' }), 'c')).toBeNull();
    expect(legs.toEngineEvent(event('call.speak.ended', { status: 'completed' }), 'c')).toMatchObject({ promptId: 'prompt-2' });
  });

  it('maps a gather to its result once, and keeps key presses outside gathers', () => {
    const legs = new CallLegs(MAIN);
    legs.gatherStarted('gather-1');
    expect(legs.toEngineEvent(event('call.dtmf.received', { digit: '4' }), 'c')).toBeNull();
    expect(legs.toEngineEvent(event('call.gather.ended', { digits: '4', status: 'valid' }), 'c')).toEqual({
      type: 'gather.ended',
      gatherId: 'gather-1',
      digits: '4',
      status: 'valid',
    });
    expect(legs.toEngineEvent(event('call.gather.ended', { digits: '4', status: 'valid' }), 'c')).toBeNull();
    expect(legs.toEngineEvent(event('call.dtmf.received', { digit: '1' }), 'c')).toEqual({ type: 'dtmf', digit: '1' });
  });

  it('reads an empty or missing digits field as no input', () => {
    const legs = new CallLegs(MAIN);
    legs.gatherStarted('gather-1');
    expect(legs.toEngineEvent(event('call.gather.ended', { status: 'timeout' }), 'c')).toMatchObject({ digits: '', status: 'timeout' });
  });

  it('routes agent legs by client state, before and after the dial response is known', () => {
    const legs = new CallLegs(MAIN);
    const early = event('call.answered', {}, { callControlId: 'v3:agent', clientState: { w: 'call-x', l: 'leg-7' } });
    expect(legs.toEngineEvent(early, 'c')).toEqual({ type: 'leg.answered', legId: 'leg-7' });
    expect(legs.callControlIdOf('leg-7')).toBe('v3:agent');
    legs.legDialled('leg-8', 'v3:agent-2');
    expect(legs.toEngineEvent(event('call.hangup', { hangup_cause: 'timeout' }, { callControlId: 'v3:agent-2' }), 'c')).toEqual({
      type: 'leg.ended',
      legId: 'leg-8',
      cause: 'timeout',
    });
  });

  it('reports a transfer once, answered or not', () => {
    const legs = new CallLegs(MAIN);
    legs.transferStarted();
    const transferLeg = { callControlId: 'v3:b', clientState: { w: 'call-x', l: TRANSFER_LEG_ID } };
    expect(legs.toEngineEvent(event('call.hangup', { hangup_cause: 'timeout' }, transferLeg), 'c')).toEqual({
      type: 'transfer.completed',
      answered: false,
      cause: 'timeout',
    });
    expect(legs.toEngineEvent(event('call.hangup', {}, transferLeg), 'c')).toBeNull();
  });

  it('turns a saved recording into its URL and length, and which recording it is from the client_state its start set', () => {
    const legs = new CallLegs(MAIN);
    const payload = {
      recording_urls: { mp3: 'https://example.test/r.mp3' },
      recording_started_at: '2026-11-24T15:00:00Z',
      recording_ended_at: '2026-11-24T15:00:14.400Z',
    };
    const saved = (r?: 'call' | 'voicemail') => event('call.recording.saved', payload, { clientState: { w: 'wf', l: 'main', ...(r ? { r } : {}) } });
    expect(legs.toEngineEvent(saved('voicemail'), 'c')).toEqual({ type: 'recording.saved', recording: 'voicemail', url: 'https://example.test/r.mp3', durationSecs: 14 });
    expect(legs.toEngineEvent(saved('call'), 'c')).toMatchObject({ type: 'recording.saved', recording: 'call' });
    // Recordings started before they were tagged: the flow only ever waited for voicemails.
    expect(legs.toEngineEvent(saved(), 'c')).toMatchObject({ type: 'recording.saved', recording: 'voicemail' });
  });
});
