import fc from 'fast-check';
import { editTelnyxFixture, loadTelnyxFixture, TELNYX_FIXTURE_FILES } from '../../test/fixtures/telnyx/fixtures';
import { parseTelnyxWebhook } from './parse-webhook';
import { isKnownTelnyxEvent, KNOWN_CALL_EVENT_TYPES, KNOWN_MESSAGE_EVENT_TYPES } from './webhook.schema';

function refusal(json: unknown): { reason: string; message: string } {
  const result = parseTelnyxWebhook(json);
  if (result.ok) throw new Error(`expected a refusal, got ${result.webhook.data.event_type}`);
  return result;
}

const EXPECTED_EVENT_TYPE: Record<string, string> = {
  'call-answered.json': 'call.answered',
  'call-bridged.json': 'call.bridged',
  'call-dequeued.json': 'call.dequeued',
  'call-dtmf-received.json': 'call.dtmf.received',
  'call-enqueued.json': 'call.enqueued',
  'call-gather-ended-empty-digits.json': 'call.gather.ended',
  'call-gather-ended-valid.json': 'call.gather.ended',
  'call-hangup-abandoned.json': 'call.hangup',
  'call-hangup-normal.json': 'call.hangup',
  'call-initiated-incoming.json': 'call.initiated',
  'call-initiated-outgoing-webrtc.json': 'call.initiated',
  'call-machine-detection-ended.json': 'call.machine.detection.ended',
  'call-machine-greeting-ended.json': 'call.machine.greeting.ended',
  'call-playback-ended-failed.json': 'call.playback.ended',
  'call-playback-started.json': 'call.playback.started',
  'call-recording-error.json': 'call.recording.error',
  'call-recording-saved.json': 'call.recording.saved',
  'call-speak-ended.json': 'call.speak.ended',
  'call-speak-started.json': 'call.speak.started',
  'message-finalized.json': 'message.finalized',
  'message-sent.json': 'message.sent',
  'unknown-event-type.json': 'streaming.started',
};
const LEGACY_FIXTURE = 'legacy-v1-call-answered.json';

describe('parseTelnyxWebhook on the fixtures', () => {
  it('has an expectation for every fixture file, and a fixture for every known event type', () => {
    expect(TELNYX_FIXTURE_FILES).toEqual([...Object.keys(EXPECTED_EVENT_TYPE), LEGACY_FIXTURE].sort());
    const covered = new Set(Object.values(EXPECTED_EVENT_TYPE));
    expect([...KNOWN_CALL_EVENT_TYPES, ...KNOWN_MESSAGE_EVENT_TYPES].filter((type) => !covered.has(type))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED_EVENT_TYPE))('parses %s as %s', (file, eventType) => {
    const json = loadTelnyxFixture(file);
    const result = parseTelnyxWebhook(json);
    if (!result.ok) throw new Error(result.message);
    expect(result.webhook.data.event_type).toBe(eventType);
    expect(isKnownTelnyxEvent(result.webhook.data)).toBe(eventType !== 'streaming.started');
    // Nothing is dropped or rewritten: declared fields, extras and nulls all come back as delivered.
    expect(result.webhook).toEqual(json);
  });

  it('refuses the legacy v1 flat format and tells the admin what to change', () => {
    const { reason, message } = refusal(loadTelnyxFixture(LEGACY_FIXTURE));
    expect(reason).toBe('legacy-v1-format');
    expect(message).toContain('"call_answered"');
    expect(message).toContain('webhook_api_version to "2"');
  });

  it('keeps occurred_at as the original string, microseconds included', () => {
    const result = parseTelnyxWebhook(loadTelnyxFixture('call-answered.json'));
    expect(result.ok && result.webhook.data.occurred_at).toBe('2026-11-03T15:04:05.702931Z');
  });

  it('accepts a delivery without meta, or with meta null', () => {
    expect(parseTelnyxWebhook(editTelnyxFixture('call-dtmf-received.json', { meta: undefined })).ok).toBe(true);
    expect(parseTelnyxWebhook(editTelnyxFixture('call-dtmf-received.json', { meta: null })).ok).toBe(true);
  });
});

describe('parseTelnyxWebhook refusals', () => {
  it('names the path of a missing required field of a known event', () => {
    const { reason, message } = refusal(editTelnyxFixture('call-dtmf-received.json', { 'data.payload.digit': undefined }));
    expect(reason).toBe('invalid');
    expect(message).toBe(
      'Invalid Telnyx webhook "call.dtmf.received": data.payload.digit: Invalid input: expected string, received undefined',
    );
  });

  it('refuses a known event with a malformed nested field instead of treating it as an unknown event', () => {
    const hangup = editTelnyxFixture('call-hangup-normal.json', { 'data.payload.call_quality_stats.inbound.mos': true });
    expect(refusal(hangup).message).toContain('data.payload.call_quality_stats.inbound.mos:');

    const initiated = editTelnyxFixture('call-initiated-incoming.json', { 'data.payload.custom_headers.0.value': 42 });
    expect(refusal(initiated).message).toContain('data.payload.custom_headers[0].value:');
  });

  it('requires the dedupe key and the timestamp on unknown event types too', () => {
    expect(refusal(editTelnyxFixture('unknown-event-type.json', { 'data.id': undefined })).message).toBe(
      'Invalid Telnyx webhook "streaming.started": data.id: Invalid input: expected string, received undefined',
    );
  });

  it.each([null, 42, 'call.answered', [], {}])('refuses %j as invalid', (json) => {
    expect(refusal(json).reason).toBe('invalid');
  });

  it('refuses a body whose data has no event_type', () => {
    const { reason, message } = refusal({ data: { id: 'x', payload: {} } });
    expect(reason).toBe('invalid');
    expect(message).toContain('data.event_type:');
  });
});

describe('parseTelnyxWebhook never throws', () => {
  const knownTypes = [...KNOWN_CALL_EVENT_TYPES, ...KNOWN_MESSAGE_EVENT_TYPES];
  const payloadKeys = [
    'call_control_id',
    'call_leg_id',
    'call_session_id',
    'client_state',
    'digit',
    'digits',
    'status',
    'hangup_cause',
    'call_quality_stats',
    'custom_headers',
    'recording_urls',
    'to',
    'from',
    'id',
    'errors',
  ];

  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(typeof parseTelnyxWebhook(json).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('on envelope-shaped JSON with known and unknown event types and random field values', () => {
    const envelope = fc.record(
      {
        data: fc.record(
          {
            event_type: fc.oneof(fc.constantFrom(...knownTypes), fc.string()),
            id: fc.oneof(fc.uuid(), fc.jsonValue()),
            occurred_at: fc.oneof(fc.constant('2026-11-03T15:04:05.702931Z'), fc.jsonValue()),
            payload: fc.oneof(fc.dictionary(fc.constantFrom(...payloadKeys), fc.jsonValue()), fc.jsonValue()),
          },
          { requiredKeys: ['event_type'] },
        ),
        meta: fc.jsonValue(),
      },
      { requiredKeys: ['data'] },
    );
    fc.assert(
      fc.property(envelope, (json) => {
        expect(typeof parseTelnyxWebhook(json).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
