import { z } from 'zod';
import { E164_PATTERN, SIP_URI_PATTERN } from './sandbox.schema';

/*
 * Bodies of the Telnyx Call Control v2 commands the sandbox implements (reference §4). Objects are loose:
 * Telnyx accepts fields the sandbox has no use for (voice settings, codecs, custom headers…). Defaults
 * are Telnyx's documented ones.
 */

/** `to` of dial/transfer: E.164 or SIP URI; a `,digits` suffix (DTMF sent on answer) is allowed. */
const destination = z.string().refine((value) => {
  const address = value.split(',')[0] ?? '';
  return E164_PATTERN.test(address) || SIP_URI_PATTERN.test(address);
}, { message: 'must be an E.164 number or a SIP URI', params: { telnyxCode: '10016' } });

const callerId = z.string().refine((value) => E164_PATTERN.test(value) || SIP_URI_PATTERN.test(value), {
  message: 'must be an E.164 number or a SIP URI',
  params: { telnyxCode: '10016' },
});

const common = {
  client_state: z.string().optional(),
  command_id: z.string().min(1).optional(),
};

const webhookFields = {
  webhook_url: z.url().optional(),
};

const recordFormat = z.enum(['wav', 'mp3']);
const recordChannels = z.enum(['single', 'dual']);

export const AnswerCommandSchema = z.looseObject({
  ...common,
  ...webhookFields,
  record: z.enum(['record-from-answer']).optional(),
  record_format: recordFormat.default('mp3'),
  record_channels: recordChannels.default('dual'),
});

export const RejectCommandSchema = z.looseObject({
  ...common,
  cause: z.enum(['CALL_REJECTED', 'USER_BUSY']),
});

export const HangupCommandSchema = z.looseObject({ ...common });

const stopOption = z.enum(['current', 'all']).optional();

export const SpeakCommandSchema = z.looseObject({
  ...common,
  payload: z.string().min(1).max(3000),
  voice: z.string().min(1),
  payload_type: z.enum(['text', 'ssml']).default('text'),
  stop: stopOption,
});

const loop = z.union([z.literal('infinity'), z.int().min(1).max(100)]).default(1);

const audioSource = {
  audio_url: z.url().optional(),
  media_name: z.string().min(1).optional(),
};

export const PlaybackStartCommandSchema = z
  .looseObject({
    ...common,
    ...audioSource,
    playback_content: z.string().min(1).optional(),
    loop,
    overlay: z.boolean().default(false),
    stop: stopOption,
  })
  .refine((body) => body.audio_url !== undefined || body.media_name !== undefined || body.playback_content !== undefined, {
    message: 'One of audio_url, media_name or playback_content is required.',
    params: { telnyxCode: '10004' },
  });

export const PlaybackStopCommandSchema = z.looseObject({
  ...common,
  stop: z.enum(['current', 'all']).default('all'),
});

const digitFields = {
  minimum_digits: z.int().min(1).max(128).default(1),
  maximum_digits: z.int().min(1).max(128).default(128),
  timeout_millis: z.int().min(1).default(60_000),
  inter_digit_timeout_millis: z.int().min(1).default(5_000),
  terminating_digit: z.string().max(1).default('#'),
  valid_digits: z.string().default('0123456789#*'),
};

const digitRangeOk = (body: { minimum_digits: number; maximum_digits: number }): boolean =>
  body.minimum_digits <= body.maximum_digits;
const digitRangeError = { message: 'minimum_digits must not exceed maximum_digits.', path: ['minimum_digits'] };

export const GatherCommandSchema = z
  .looseObject({
    ...common,
    ...digitFields,
    initial_timeout_millis: z.int().min(1).default(5_000),
    gather_id: z.string().max(40).optional(),
  })
  .refine(digitRangeOk, digitRangeError);

export const GatherUsingSpeakCommandSchema = z
  .looseObject({
    ...common,
    ...digitFields,
    payload: z.string().min(1).max(3000),
    voice: z.string().min(1),
    payload_type: z.enum(['text', 'ssml']).default('text'),
    invalid_payload: z.string().min(1).optional(),
    maximum_tries: z.int().min(1).max(10).default(3),
  })
  .refine(digitRangeOk, digitRangeError);

export const GatherUsingAudioCommandSchema = z
  .looseObject({
    ...common,
    ...digitFields,
    ...audioSource,
    invalid_audio_url: z.url().optional(),
    invalid_media_name: z.string().min(1).optional(),
    maximum_tries: z.int().min(1).max(10).default(3),
  })
  .refine(digitRangeOk, digitRangeError)
  .refine((body) => body.audio_url !== undefined || body.media_name !== undefined, {
    message: 'One of audio_url or media_name is required.',
    params: { telnyxCode: '10004' },
  });

export const GatherStopCommandSchema = z.looseObject({ ...common });

const parkAfterUnbridge = z.enum(['self']).optional();

export const TransferCommandSchema = z.looseObject({
  ...common,
  ...webhookFields,
  to: destination,
  from: callerId.optional(),
  timeout_secs: z.int().min(5).max(600).default(30),
  time_limit_secs: z.int().min(30).max(14_400).optional(),
  target_leg_client_state: z.string().optional(),
  park_after_unbridge: parkAfterUnbridge,
});

export const BridgeCommandSchema = z.looseObject({
  ...common,
  call_control_id: z.string().min(1),
  park_after_unbridge: parkAfterUnbridge,
});

export const RecordStartCommandSchema = z.looseObject({
  ...common,
  format: recordFormat,
  channels: recordChannels,
  max_length: z.int().min(0).max(14_400).default(0),
  timeout_secs: z.int().min(0).default(0),
  play_beep: z.boolean().default(false),
});

export const RecordStopCommandSchema = z.looseObject({ ...common, recording_id: z.string().optional() });

export const SendDtmfCommandSchema = z.looseObject({
  ...common,
  digits: z.string().regex(/^[0-9A-D*#wW]+$/, 'digits are 0-9, A-D, *, #, w and W'),
  duration_millis: z.int().min(100).max(500).default(250),
});

export const ClientStateUpdateCommandSchema = z.looseObject({ command_id: common.command_id, client_state: z.string().min(1) });

export const DialCommandSchema = z.looseObject({
  ...common,
  ...webhookFields,
  connection_id: z.string().min(1),
  to: z.union([destination, z.array(destination).min(1)]),
  from: callerId,
  timeout_secs: z.int().min(5).max(600).default(30),
  time_limit_secs: z.int().min(30).max(14_400).optional(),
  link_to: z.string().min(1).optional(),
  bridge_on_answer: z.boolean().default(false),
  park_after_unbridge: parkAfterUnbridge,
  retry_on_timeout: z.boolean().default(true),
});

export const SendMessageCommandSchema = z
  .looseObject({
    to: z.string().refine((value) => E164_PATTERN.test(value), { message: 'must be in +E.164 format', params: { telnyxCode: '10016' } }),
    from: z.string().min(1).optional(),
    messaging_profile_id: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    media_urls: z.array(z.url()).optional(),
    type: z.enum(['SMS', 'MMS']).optional(),
    webhook_url: z.url().optional(),
  })
  .refine((body) => body.text !== undefined || (body.media_urls?.length ?? 0) > 0, {
    message: 'One of text or media_urls is required.',
    params: { telnyxCode: '10004' },
  })
  .refine((body) => body.from !== undefined || body.messaging_profile_id !== undefined, {
    message: 'One of from or messaging_profile_id is required.',
    params: { telnyxCode: '10004' },
  });
export type SendMessageCommand = z.output<typeof SendMessageCommandSchema>;
