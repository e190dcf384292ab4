/**
 * Values Telnyx documents for the enum-like fields of Call Control v2 webhooks (OpenAPI spec and SDK
 * types; see /work/shared/reference/telnyx-call-control.md §3). The schemas accept any string in these
 * fields, because Telnyx adds values without notice and one new value must not make a `call.hangup`
 * unparseable; these lists are what the product knows how to interpret.
 */

export const CALL_DIRECTIONS = ['incoming', 'outgoing'] as const;

/** `call.initiated` only: `parked` for an inbound call, `bridging` for a leg created by dial/transfer. */
export const CALL_INITIATED_STATES = ['parked', 'bridging'] as const;

export const CALLING_PARTY_TYPES = ['pstn', 'sip'] as const;

/**
 * `call.hangup` → `hangup_cause`. `originator_cancel` is a caller abandoning the call (also before answer);
 * `timeout` is a dialed leg not answering within `timeout_secs` (`no_answer` instead when the dial used
 * `retry_on_timeout: false`); `time_limit` is `time_limit_secs` reached.
 */
export const HANGUP_CAUSES = [
  'call_rejected',
  'normal_clearing',
  'originator_cancel',
  'timeout',
  'time_limit',
  'user_busy',
  'not_found',
  'no_answer',
  'unspecified',
] as const;

export const HANGUP_SOURCES = ['caller', 'callee', 'unknown'] as const;

export const SPEAK_END_STATUSES = ['completed', 'call_hangup', 'cancelled_amd'] as const;

export const PLAYBACK_END_STATUSES = [
  'completed',
  'file_not_found',
  'call_hangup',
  'unknown',
  'cancelled',
  'cancelled_amd',
  'failed',
] as const;

/** `call.gather.ended` → `status`; `valid`/`invalid` are judged against `valid_digits` and the digit counts. */
export const GATHER_END_STATUSES = ['valid', 'invalid', 'call_hangup', 'cancelled', 'cancelled_amd', 'timeout'] as const;

export const RECORDING_CHANNELS = ['single', 'dual'] as const;

export const RECORDING_FORMATS = ['mp3', 'wav'] as const;

/** `call.recording.error` → `reason` (free-text sentences in the spec). */
export const RECORDING_ERROR_REASONS = [
  'Failed to authorize with storage using custom credentials',
  'Invalid credentials json',
  'Unsupported backend',
  'Internal server error',
] as const;

/** `call.machine.detection.ended` → `result`; treat `not_sure` as a human. */
export const MACHINE_DETECTION_RESULTS = ['human', 'machine', 'not_sure'] as const;

export const MACHINE_GREETING_RESULTS = ['beep_detected', 'ended', 'not_sure'] as const;

/** `call.dequeued` → `reason`; `timeout` is the enqueue's `max_wait_time_secs` expiring. */
export const DEQUEUE_REASONS = ['bridged', 'bridging-in-process', 'hangup', 'leave', 'timeout'] as const;

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;

export const MESSAGE_TYPES = ['SMS', 'MMS'] as const;

/** Per-recipient `to[].status` of `message.sent` / `message.finalized`. */
export const MESSAGE_DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'sending_failed',
  'delivery_failed',
  'delivery_unconfirmed',
  'expired',
] as const;
