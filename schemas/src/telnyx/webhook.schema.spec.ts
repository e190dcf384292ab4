import fc from 'fast-check';
import { editTelnyxFixture } from '../../test/fixtures/telnyx/fixtures';
import type { z } from 'zod';
import { HANGUP_CAUSES } from './known-values';
import {
  isKnownTelnyxEvent,
  KNOWN_CALL_EVENT_TYPES,
  KNOWN_MESSAGE_EVENT_TYPES,
  KnownTelnyxEventSchema,
  TelnyxWebhookSchema,
  type TelnyxCallEvent,
  type TelnyxWebhook,
} from './webhook.schema';

function parseFixture(file: string, edits: Readonly<Record<string, unknown>> = {}): TelnyxWebhook {
  return TelnyxWebhookSchema.parse(editTelnyxFixture(file, edits));
}

/** What the engine reads from an event; compiles only because `switch` narrows the union by event_type. */
function summarize(event: TelnyxCallEvent): string {
  if (!isKnownTelnyxEvent(event)) return `ignored ${event.event_type}`;
  switch (event.event_type) {
    case 'call.initiated': {
      const direction: string = event.payload.direction;
      return `${direction} call to ${event.payload.to}`;
    }
    case 'call.hangup': {
      const cause: string | null | undefined = event.payload.hangup_cause;
      return `hangup: ${cause ?? 'no cause'}`;
    }
    case 'call.dtmf.received': {
      const digit: string = event.payload.digit;
      return `pressed ${digit}`;
    }
    case 'call.gather.ended': {
      const digits: string | null | undefined = event.payload.digits;
      return `gathered "${digits ?? ''}" (${event.payload.status})`;
    }
    case 'call.recording.saved':
      return `recording ${event.payload.recording_urls?.mp3 === undefined ? 'without' : 'with'} mp3`;
    case 'message.finalized':
      return `message ${event.payload.to?.[0]?.status ?? 'unknown'}`;
    default:
      return event.event_type;
  }
}

describe('TelnyxWebhookSchema', () => {
  it('narrows the event union by event_type', () => {
    const summaries = [
      'call-initiated-incoming.json',
      'call-hangup-abandoned.json',
      'call-dtmf-received.json',
      'call-gather-ended-empty-digits.json',
      'call-recording-saved.json',
      'message-finalized.json',
      'call-bridged.json',
      'unknown-event-type.json',
    ].map((file) => summarize(parseFixture(file).data));
    expect(summaries).toEqual([
      'incoming call to +14155550199',
      'hangup: originator_cancel',
      'pressed 2',
      'gathered "" (timeout)',
      'recording with mp3',
      'message delivered',
      'call.bridged',
      'ignored streaming.started',
    ]);
  });

  it('keeps undocumented fields at every level', () => {
    const webhook = parseFixture('call-initiated-incoming.json', {
      delivery_note: 'top',
      'meta.region': 'us-central',
      'data.payload.custom_headers.0.source': 'carrier',
    });
    expect(webhook).toMatchObject({
      delivery_note: 'top',
      meta: { region: 'us-central' },
      data: { payload: { custom_headers: [{ name: 'P-Early-Media', value: 'supported', source: 'carrier' }] } },
    });

    const recording = parseFixture('call-recording-saved.json').data.payload;
    expect(recording).toMatchObject({ flow_destination: 'telnyx_number_cc_app', public_recording_urls: {} });
    expect(parseFixture('call-hangup-normal.json').data.payload).toHaveProperty('telnyx_error', null);
    expect(parseFixture('message-sent.json').data.payload).toMatchObject({ cost: { amount: 0.004, currency: 'USD' } });
  });

  it('keeps extras added anywhere in the payload of a known event (property)', () => {
    const payload = parseFixture('call-hangup-normal.json').data.payload;
    const extraKey = fc.string().filter((key) => !(key in { ...payload }) && !key.includes('.') && key !== '__proto__');
    fc.assert(
      fc.property(fc.dictionary(extraKey, fc.jsonValue()), (extras) => {
        const edits = Object.fromEntries(Object.entries(extras).map(([key, value]) => [`data.payload.${key}`, value]));
        expect(parseFixture('call-hangup-normal.json', edits).data.payload).toEqual({ ...payload, ...extras });
      }),
      { numRuns: 200 },
    );
  });

  it('accepts client_state null and absent', () => {
    expect(parseFixture('call-initiated-incoming.json').data.payload).toHaveProperty('client_state', null);
    expect(parseFixture('call-hangup-abandoned.json').data.payload).not.toHaveProperty('client_state');
  });

  it('accepts values Telnyx has not documented in enum-like fields, verbatim', () => {
    const hangup = parseFixture('call-hangup-normal.json', {
      'data.payload.hangup_cause': 'destination_out_of_order',
      'data.payload.calling_party_type': 'webrtc',
    });
    expect(hangup.data.payload).toMatchObject({ hangup_cause: 'destination_out_of_order', calling_party_type: 'webrtc' });
    expect(HANGUP_CAUSES).not.toContain('destination_out_of_order');
  });

  it('accepts numeric call quality statistics and a null stats object', () => {
    const numeric = parseFixture('call-hangup-normal.json', { 'data.payload.call_quality_stats.inbound.mos': 4.39 });
    expect(numeric.data.payload).toMatchObject({ call_quality_stats: { inbound: { mos: 4.39 } } });
    expect(parseFixture('call-hangup-abandoned.json').data.payload).toHaveProperty('call_quality_stats', null);
  });
});

describe('known event schemas', () => {
  const eventSchemas = KnownTelnyxEventSchema.options;
  const payloadShape = (schema: (typeof eventSchemas)[number]): Record<string, z.ZodType> => schema.shape.payload.shape;

  it('model exactly the call events the product uses, plus message.sent/finalized', () => {
    expect(KNOWN_CALL_EVENT_TYPES).toEqual([
      'call.initiated',
      'call.answered',
      'call.hangup',
      'call.speak.started',
      'call.speak.ended',
      'call.playback.started',
      'call.playback.ended',
      'call.dtmf.received',
      'call.gather.ended',
      'call.bridged',
      'call.recording.saved',
      'call.recording.error',
      'call.machine.detection.ended',
      'call.machine.greeting.ended',
      'call.enqueued',
      'call.dequeued',
    ]);
    expect(KNOWN_MESSAGE_EVENT_TYPES).toEqual(['message.sent', 'message.finalized']);
  });

  it('accept null wherever a payload field may be missing', () => {
    for (const schema of eventSchemas) {
      for (const [key, field] of Object.entries(payloadShape(schema))) {
        const mayBeMissing = field.safeParse(undefined).success;
        expect({ event: schema.shape.event_type.value, key, acceptsNull: field.safeParse(null).success }).toEqual({
          event: schema.shape.event_type.value,
          key,
          acceptsNull: mayBeMissing,
        });
      }
    }
  });

  it('require only the leg identifiers and the field each event exists for', () => {
    const required = Object.fromEntries(
      eventSchemas.map((schema) => [
        schema.shape.event_type.value,
        Object.entries(payloadShape(schema))
          .filter(([, field]) => !field.safeParse(undefined).success)
          .map(([key]) => key)
          .sort(),
      ]),
    );
    const leg = ['call_control_id', 'call_leg_id', 'call_session_id'];
    expect(required).toEqual({
      'call.initiated': [...leg, 'direction', 'to'].sort(),
      'call.answered': leg,
      'call.hangup': leg,
      'call.speak.started': leg,
      'call.speak.ended': leg,
      'call.playback.started': leg,
      'call.playback.ended': leg,
      'call.dtmf.received': [...leg, 'digit'].sort(),
      'call.gather.ended': [...leg, 'status'].sort(),
      'call.bridged': leg,
      'call.recording.saved': ['call_leg_id', 'call_session_id'],
      'call.recording.error': ['call_leg_id', 'call_session_id'],
      'call.machine.detection.ended': leg,
      'call.machine.greeting.ended': leg,
      'call.enqueued': leg,
      'call.dequeued': leg,
      'message.sent': ['id'],
      'message.finalized': ['id'],
    });
  });
});
