import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_INITIATED_STATES,
  CALLING_PARTY_TYPES,
  DEQUEUE_REASONS,
  GATHER_END_STATUSES,
  HANGUP_CAUSES,
  HANGUP_SOURCES,
  MACHINE_DETECTION_RESULTS,
  MACHINE_GREETING_RESULTS,
  MESSAGE_DELIVERY_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_TYPES,
  PLAYBACK_END_STATUSES,
  RECORDING_CHANNELS,
  RECORDING_ERROR_REASONS,
  RECORDING_FORMATS,
  SPEAK_END_STATUSES,
} from './known-values';

/*
 * Payloads are parsed tolerantly, because live deliveries differ from the OpenAPI schema in both
 * directions (reference §2.2, §3): every object is loose (undocumented fields survive parsing), and
 * every field an event can do without is `nullish`. Only what routing and the engine cannot work
 * without is required: the leg identifiers, and the one field that is the point of the event
 * (`call.initiated` → `direction`/`to`, `call.dtmf.received` → `digit`, `call.gather.ended` → `status`).
 */

/**
 * Any string is accepted; the known values only type it (autocompletion, comparisons) and describe it.
 * `z.string()` fits the wider type because `string` is assignable to `string & {}`.
 */
function openEnum<const T extends readonly string[]>(known: T): z.ZodType<T[number] | (string & {}), string> {
  return z.string().describe(`Known values: ${known.join(', ')}; any other string is accepted.`);
}

const optionalText = z.string().nullish();

/** `{ name, value }` pairs: arbitrary SIP headers of the INVITE (`custom_headers`) or User-to-User/Diversion (`sip_headers`). */
export const TelnyxSipHeaderSchema = z.looseObject({ name: z.string(), value: z.string() });
export type TelnyxSipHeader = z.infer<typeof TelnyxSipHeaderSchema>;

const callLegFields = {
  call_control_id: z.string(),
  call_leg_id: z.string(),
  call_session_id: z.string(),
  connection_id: optionalText,
  /** Base64 text set by our commands, `null` (or absent) when never set; decode with `decodeClientState`. */
  client_state: optionalText,
  calling_party_type: openEnum(CALLING_PARTY_TYPES).nullish(),
};

/** Recording events are documented without `call_control_id` (live ones carry it). */
const recordingLegFields = { ...callLegFields, call_control_id: optionalText };

const partyFields = { from: optionalText, to: optionalText };

const sipFields = {
  custom_headers: z.array(TelnyxSipHeaderSchema).nullish(),
  sip_headers: z.array(TelnyxSipHeaderSchema).nullish(),
  tags: z.array(z.string()).nullish(),
};

export const CallInitiatedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...sipFields,
  from: optionalText,
  to: z.string(),
  direction: openEnum(CALL_DIRECTIONS),
  state: openEnum(CALL_INITIATED_STATES).nullish(),
  caller_id_name: optionalText,
  start_time: optionalText,
  connection_codecs: optionalText,
  offered_codecs: optionalText,
  from_sip_uri: optionalText,
  to_sip_uri: optionalText,
  shaken_stir_attestation: optionalText,
  shaken_stir_validated: z.boolean().nullish(),
  call_screening_result: optionalText,
});
export type CallInitiatedPayload = z.infer<typeof CallInitiatedPayloadSchema>;

export const CallAnsweredPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  ...sipFields,
  /** In the schema, absent from live events: never branch on it. */
  state: optionalText,
  start_time: optionalText,
  codec: optionalText,
  sampling_rate: z.number().nullish(),
});
export type CallAnsweredPayload = z.infer<typeof CallAnsweredPayloadSchema>;

/** Documented as strings; numbers are accepted too, since a statistic must never cost us a hangup. */
const qualityStat = z.union([z.string(), z.number()]).nullish();

export const TelnyxCallQualityStatsSchema = z.looseObject({
  inbound: z
    .looseObject({
      jitter_max_variance: qualityStat,
      jitter_packet_count: qualityStat,
      mos: qualityStat,
      packet_count: qualityStat,
      skip_packet_count: qualityStat,
    })
    .nullish(),
  outbound: z.looseObject({ packet_count: qualityStat, skip_packet_count: qualityStat }).nullish(),
});
export type TelnyxCallQualityStats = z.infer<typeof TelnyxCallQualityStatsSchema>;

export const CallHangupPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  ...sipFields,
  hangup_cause: openEnum(HANGUP_CAUSES).nullish(),
  hangup_source: openEnum(HANGUP_SOURCES).nullish(),
  /** SIP response code as a string (`"487"`), or `unspecified` when there was none. */
  sip_hangup_cause: optionalText,
  call_quality_stats: TelnyxCallQualityStatsSchema.nullish(),
  state: optionalText,
  start_time: optionalText,
  end_time: optionalText,
});
export type CallHangupPayload = z.infer<typeof CallHangupPayloadSchema>;

/** `speak_id` is undocumented but observed on both events; it pairs a started with its ended. */
export const CallSpeakStartedPayloadSchema = z.looseObject({
  ...callLegFields,
  speak_id: optionalText,
});
export type CallSpeakStartedPayload = z.infer<typeof CallSpeakStartedPayloadSchema>;

export const CallSpeakEndedPayloadSchema = z.looseObject({
  ...callLegFields,
  speak_id: optionalText,
  status: openEnum(SPEAK_END_STATUSES).nullish(),
});
export type CallSpeakEndedPayload = z.infer<typeof CallSpeakEndedPayloadSchema>;

/** `media_url` for `audio_url` playbacks, `media_name` for stored media; both empty for inline `playback_content`. */
const playbackFields = {
  media_url: optionalText,
  media_name: optionalText,
  overlay: z.boolean().nullish(),
};

export const CallPlaybackStartedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...playbackFields,
});
export type CallPlaybackStartedPayload = z.infer<typeof CallPlaybackStartedPayloadSchema>;

export const CallPlaybackEndedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...playbackFields,
  status: openEnum(PLAYBACK_END_STATUSES).nullish(),
  /** Failure detail, e.g. the HTTP error fetching the audio. */
  status_detail: optionalText,
});
export type CallPlaybackEndedPayload = z.infer<typeof CallPlaybackEndedPayloadSchema>;

/** One key press per event: `0-9`, `*`, `#`, `A-D`. */
export const CallDtmfReceivedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  digit: z.string(),
});
export type CallDtmfReceivedPayload = z.infer<typeof CallDtmfReceivedPayloadSchema>;

export const CallGatherEndedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  /** May be empty (or, undocumented, absent) on timeout. */
  digits: optionalText,
  status: openEnum(GATHER_END_STATUSES),
  /** Documented as echoed for plain `gather`, but missing from the schema. */
  gather_id: optionalText,
});
export type CallGatherEndedPayload = z.infer<typeof CallGatherEndedPayloadSchema>;

/** One event per leg; nothing names the other leg. */
export const CallBridgedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  state: optionalText,
  start_time: optionalText,
});
export type CallBridgedPayload = z.infer<typeof CallBridgedPayloadSchema>;

/** Pre-signed download URLs, valid for 10 minutes; only the requested format is present. */
export const TelnyxRecordingUrlsSchema = z.looseObject({ mp3: optionalText, wav: optionalText });
export type TelnyxRecordingUrls = z.infer<typeof TelnyxRecordingUrlsSchema>;

export const CallRecordingSavedPayloadSchema = z.looseObject({
  ...recordingLegFields,
  recording_id: optionalText,
  channels: openEnum(RECORDING_CHANNELS).nullish(),
  format: openEnum(RECORDING_FORMATS).nullish(),
  recording_started_at: optionalText,
  recording_ended_at: optionalText,
  start_time: optionalText,
  end_time: optionalText,
  recording_urls: TelnyxRecordingUrlsSchema.nullish(),
  public_recording_urls: TelnyxRecordingUrlsSchema.nullish(),
});
export type CallRecordingSavedPayload = z.infer<typeof CallRecordingSavedPayloadSchema>;

export const CallRecordingErrorPayloadSchema = z.looseObject({
  ...recordingLegFields,
  reason: openEnum(RECORDING_ERROR_REASONS).nullish(),
});
export type CallRecordingErrorPayload = z.infer<typeof CallRecordingErrorPayloadSchema>;

export const CallMachineDetectionEndedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  result: openEnum(MACHINE_DETECTION_RESULTS).nullish(),
});
export type CallMachineDetectionEndedPayload = z.infer<typeof CallMachineDetectionEndedPayloadSchema>;

export const CallMachineGreetingEndedPayloadSchema = z.looseObject({
  ...callLegFields,
  ...partyFields,
  result: openEnum(MACHINE_GREETING_RESULTS).nullish(),
});
export type CallMachineGreetingEndedPayload = z.infer<typeof CallMachineGreetingEndedPayloadSchema>;

export const CallEnqueuedPayloadSchema = z.looseObject({
  ...callLegFields,
  queue: optionalText,
  current_position: z.number().nullish(),
  queue_avg_wait_time_secs: z.number().nullish(),
});
export type CallEnqueuedPayload = z.infer<typeof CallEnqueuedPayloadSchema>;

export const CallDequeuedPayloadSchema = z.looseObject({
  ...callLegFields,
  queue: optionalText,
  /** The last position the call held in the queue. */
  queue_position: z.number().nullish(),
  reason: openEnum(DEQUEUE_REASONS).nullish(),
  wait_time_secs: z.number().nullish(),
});
export type CallDequeuedPayload = z.infer<typeof CallDequeuedPayloadSchema>;

const messagePartySchema = z.looseObject({
  phone_number: optionalText,
  carrier: optionalText,
  line_type: optionalText,
});

export const TelnyxMessageRecipientSchema = messagePartySchema.extend({
  status: openEnum(MESSAGE_DELIVERY_STATUSES).nullish(),
});
export type TelnyxMessageRecipient = z.infer<typeof TelnyxMessageRecipientSchema>;

export const TelnyxMessageErrorSchema = z.looseObject({ code: optionalText, title: optionalText, detail: optionalText });
export type TelnyxMessageError = z.infer<typeof TelnyxMessageErrorSchema>;

/** Payload of `message.sent` and `message.finalized` (the message record; delivery status is per recipient). */
export const TelnyxMessagePayloadSchema = z.looseObject({
  id: z.string(),
  record_type: optionalText,
  direction: openEnum(MESSAGE_DIRECTIONS).nullish(),
  type: openEnum(MESSAGE_TYPES).nullish(),
  messaging_profile_id: optionalText,
  from: messagePartySchema.nullish(),
  to: z.array(TelnyxMessageRecipientSchema).nullish(),
  text: optionalText,
  sent_at: optionalText,
  completed_at: optionalText,
  errors: z.array(TelnyxMessageErrorSchema).nullish(),
});
export type TelnyxMessagePayload = z.infer<typeof TelnyxMessagePayloadSchema>;
