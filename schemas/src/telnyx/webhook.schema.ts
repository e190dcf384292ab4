import { z } from 'zod';
import {
  CallAnsweredPayloadSchema,
  CallBridgedPayloadSchema,
  CallDequeuedPayloadSchema,
  CallDtmfReceivedPayloadSchema,
  CallEnqueuedPayloadSchema,
  CallGatherEndedPayloadSchema,
  CallHangupPayloadSchema,
  CallInitiatedPayloadSchema,
  CallMachineDetectionEndedPayloadSchema,
  CallMachineGreetingEndedPayloadSchema,
  CallPlaybackEndedPayloadSchema,
  CallPlaybackStartedPayloadSchema,
  CallRecordingErrorPayloadSchema,
  CallRecordingSavedPayloadSchema,
  CallSpeakEndedPayloadSchema,
  CallSpeakStartedPayloadSchema,
  TelnyxMessagePayloadSchema,
} from './payload.schema';

const eventFields = {
  /** The event id: identical across redeliveries, so it is the dedupe key. */
  id: z.string(),
  /** UTC ISO-8601 with microseconds (`2026-05-19T23:30:15.038431Z`), kept as sent: `Date` would drop the microseconds. */
  occurred_at: z.string(),
  record_type: z.string().nullish(),
};

function eventSchema<const T extends string, P extends z.ZodType>(eventType: T, payload: P) {
  return z.looseObject({ event_type: z.literal(eventType), ...eventFields, payload });
}

export const TelnyxCallInitiatedEventSchema = eventSchema('call.initiated', CallInitiatedPayloadSchema);
export type TelnyxCallInitiatedEvent = z.infer<typeof TelnyxCallInitiatedEventSchema>;
export const TelnyxCallAnsweredEventSchema = eventSchema('call.answered', CallAnsweredPayloadSchema);
export type TelnyxCallAnsweredEvent = z.infer<typeof TelnyxCallAnsweredEventSchema>;
export const TelnyxCallHangupEventSchema = eventSchema('call.hangup', CallHangupPayloadSchema);
export type TelnyxCallHangupEvent = z.infer<typeof TelnyxCallHangupEventSchema>;
export const TelnyxCallSpeakStartedEventSchema = eventSchema('call.speak.started', CallSpeakStartedPayloadSchema);
export type TelnyxCallSpeakStartedEvent = z.infer<typeof TelnyxCallSpeakStartedEventSchema>;
export const TelnyxCallSpeakEndedEventSchema = eventSchema('call.speak.ended', CallSpeakEndedPayloadSchema);
export type TelnyxCallSpeakEndedEvent = z.infer<typeof TelnyxCallSpeakEndedEventSchema>;
export const TelnyxCallPlaybackStartedEventSchema = eventSchema('call.playback.started', CallPlaybackStartedPayloadSchema);
export type TelnyxCallPlaybackStartedEvent = z.infer<typeof TelnyxCallPlaybackStartedEventSchema>;
export const TelnyxCallPlaybackEndedEventSchema = eventSchema('call.playback.ended', CallPlaybackEndedPayloadSchema);
export type TelnyxCallPlaybackEndedEvent = z.infer<typeof TelnyxCallPlaybackEndedEventSchema>;
export const TelnyxCallDtmfReceivedEventSchema = eventSchema('call.dtmf.received', CallDtmfReceivedPayloadSchema);
export type TelnyxCallDtmfReceivedEvent = z.infer<typeof TelnyxCallDtmfReceivedEventSchema>;
export const TelnyxCallGatherEndedEventSchema = eventSchema('call.gather.ended', CallGatherEndedPayloadSchema);
export type TelnyxCallGatherEndedEvent = z.infer<typeof TelnyxCallGatherEndedEventSchema>;
export const TelnyxCallBridgedEventSchema = eventSchema('call.bridged', CallBridgedPayloadSchema);
export type TelnyxCallBridgedEvent = z.infer<typeof TelnyxCallBridgedEventSchema>;
export const TelnyxCallRecordingSavedEventSchema = eventSchema('call.recording.saved', CallRecordingSavedPayloadSchema);
export type TelnyxCallRecordingSavedEvent = z.infer<typeof TelnyxCallRecordingSavedEventSchema>;
export const TelnyxCallRecordingErrorEventSchema = eventSchema('call.recording.error', CallRecordingErrorPayloadSchema);
export type TelnyxCallRecordingErrorEvent = z.infer<typeof TelnyxCallRecordingErrorEventSchema>;
export const TelnyxCallMachineDetectionEndedEventSchema = eventSchema(
  'call.machine.detection.ended',
  CallMachineDetectionEndedPayloadSchema,
);
export type TelnyxCallMachineDetectionEndedEvent = z.infer<typeof TelnyxCallMachineDetectionEndedEventSchema>;
export const TelnyxCallMachineGreetingEndedEventSchema = eventSchema(
  'call.machine.greeting.ended',
  CallMachineGreetingEndedPayloadSchema,
);
export type TelnyxCallMachineGreetingEndedEvent = z.infer<typeof TelnyxCallMachineGreetingEndedEventSchema>;
export const TelnyxCallEnqueuedEventSchema = eventSchema('call.enqueued', CallEnqueuedPayloadSchema);
export type TelnyxCallEnqueuedEvent = z.infer<typeof TelnyxCallEnqueuedEventSchema>;
export const TelnyxCallDequeuedEventSchema = eventSchema('call.dequeued', CallDequeuedPayloadSchema);
export type TelnyxCallDequeuedEvent = z.infer<typeof TelnyxCallDequeuedEventSchema>;
export const TelnyxMessageSentEventSchema = eventSchema('message.sent', TelnyxMessagePayloadSchema);
export type TelnyxMessageSentEvent = z.infer<typeof TelnyxMessageSentEventSchema>;
export const TelnyxMessageFinalizedEventSchema = eventSchema('message.finalized', TelnyxMessagePayloadSchema);
export type TelnyxMessageFinalizedEvent = z.infer<typeof TelnyxMessageFinalizedEventSchema>;

const callEventSchemas = [
  TelnyxCallInitiatedEventSchema,
  TelnyxCallAnsweredEventSchema,
  TelnyxCallHangupEventSchema,
  TelnyxCallSpeakStartedEventSchema,
  TelnyxCallSpeakEndedEventSchema,
  TelnyxCallPlaybackStartedEventSchema,
  TelnyxCallPlaybackEndedEventSchema,
  TelnyxCallDtmfReceivedEventSchema,
  TelnyxCallGatherEndedEventSchema,
  TelnyxCallBridgedEventSchema,
  TelnyxCallRecordingSavedEventSchema,
  TelnyxCallRecordingErrorEventSchema,
  TelnyxCallMachineDetectionEndedEventSchema,
  TelnyxCallMachineGreetingEndedEventSchema,
  TelnyxCallEnqueuedEventSchema,
  TelnyxCallDequeuedEventSchema,
] as const;

const messageEventSchemas = [TelnyxMessageSentEventSchema, TelnyxMessageFinalizedEventSchema] as const;

/** Every event type this package models, by `event_type`. */
export const KnownTelnyxEventSchema = z.discriminatedUnion('event_type', [...callEventSchemas, ...messageEventSchemas]);
export type KnownTelnyxEvent = z.infer<typeof KnownTelnyxEventSchema>;
export type KnownTelnyxEventType = KnownTelnyxEvent['event_type'];

export const KNOWN_CALL_EVENT_TYPES = Object.freeze(callEventSchemas.map((schema) => schema.shape.event_type.value));
export type KnownCallEventType = (typeof KNOWN_CALL_EVENT_TYPES)[number];
export const KNOWN_MESSAGE_EVENT_TYPES = Object.freeze(messageEventSchemas.map((schema) => schema.shape.event_type.value));
const knownEventTypes: ReadonlySet<string> = new Set([...KNOWN_CALL_EVENT_TYPES, ...KNOWN_MESSAGE_EVENT_TYPES]);

export function isKnownTelnyxEventType(eventType: string): eventType is KnownTelnyxEventType {
  return knownEventTypes.has(eventType);
}

/**
 * An event of a type this package does not model (`call.hold`, `streaming.started`, a type Telnyx adds
 * tomorrow…): parsed, not refused, so the receiver can acknowledge it and decide to ignore it.
 */
export const UnknownTelnyxEventSchema = z.looseObject({
  event_type: z.string(),
  ...eventFields,
  payload: z.looseObject({}).nullish(),
});
export type UnknownTelnyxEvent = z.infer<typeof UnknownTelnyxEventSchema>;

/**
 * The `data` object of a delivery. A known `event_type` must match that event's schema (a malformed
 * `call.hangup` is an error, never silently a generic event); any other type parses as an
 * `UnknownTelnyxEvent`. Narrow with `isKnownTelnyxEvent`, then `switch (event.event_type)`.
 */
export const TelnyxCallEventSchema = z
  .looseObject({ event_type: z.string() })
  .transform((event, ctx): KnownTelnyxEvent | UnknownTelnyxEvent => {
    const schema = isKnownTelnyxEventType(event.event_type) ? KnownTelnyxEventSchema : UnknownTelnyxEventSchema;
    const result = schema.safeParse(event);
    if (result.success) return result.data;
    // Paths are relative to this event; the enclosing object prefixes `data`.
    for (const issue of result.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
export type TelnyxCallEvent = z.infer<typeof TelnyxCallEventSchema>;

export function isKnownTelnyxEvent(event: TelnyxCallEvent): event is KnownTelnyxEvent {
  return isKnownTelnyxEventType(event.event_type);
}

/** `meta` is on every real delivery but in neither the OpenAPI call events nor the SDK types. */
export const TelnyxWebhookMetaSchema = z.looseObject({
  attempt: z.number().nullish(),
  /** Which URL received this attempt (primary or failover). */
  delivered_to: z.string().nullish(),
});
export type TelnyxWebhookMeta = z.infer<typeof TelnyxWebhookMetaSchema>;

/** A Call Control API v2 webhook body: `{ data, meta }`. */
export const TelnyxWebhookSchema = z.looseObject({
  data: TelnyxCallEventSchema,
  meta: TelnyxWebhookMetaSchema.nullish(),
});
export type TelnyxWebhook = z.infer<typeof TelnyxWebhookSchema>;
