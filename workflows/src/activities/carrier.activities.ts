import type { RenderedPrompt } from '@callflow/engine';
import Telnyx from 'telnyx';

/** One Call Control request, as the call workflow asks for it. */
export type CarrierRequest =
  | { action: 'answer'; callControlId: string; clientState: string }
  | { action: 'play'; callControlId: string; prompt: RenderedPrompt }
  /** Loops until stopped; `url` null plays the configured default hold music. */
  | { action: 'hold-music'; callControlId: string; url: string | null }
  | { action: 'stop-playback'; callControlId: string }
  | {
      action: 'gather';
      callControlId: string;
      prompt: RenderedPrompt;
      validDigits: string;
      minDigits: number;
      maxDigits: number;
      terminator: string | null;
      timeoutSecs: number;
    }
  | { action: 'dial'; to: string; from: string; timeoutSecs: number; clientState: string }
  | { action: 'hangup'; callControlId: string }
  | { action: 'bridge'; callControlId: string; otherCallControlId: string }
  | { action: 'transfer'; callControlId: string; to: string; from: string; timeoutSecs: number; targetLegClientState: string }
  | {
      action: 'record-start';
      callControlId: string;
      format: 'mp3' | 'wav';
      channels: 'single' | 'dual';
      maxLengthSecs: number | null;
      silenceTimeoutSecs: number | null;
      beep: boolean;
      /** Echoed on the recording's events: tells the call recording from a voicemail message. */
      clientState: string;
    }
  | { action: 'record-stop'; callControlId: string }
  | { action: 'sms'; from: string; to: string; text: string };

export type CarrierResult =
  | { status: 'ok'; callControlId: string | null }
  /** The leg is gone (Telnyx 422 code 90018): not worth a retry. */
  | { status: 'call-ended' }
  /** Refused for another reason (4xx): retrying would not help. */
  | { status: 'rejected'; message: string };

export interface CarrierConfig {
  apiKey: string;
  baseUrl: string;
  connectionId: string;
  /** Played while callers wait in a queue when the flow names no hold audio. */
  holdMusicUrl: string;
  /** Per-request timeout; activity retries cover a lost request, made harmless by `command_id`. */
  requestTimeoutMs: number;
}

const CALL_ENDED = '90018';

function errorCodes(error: unknown): string[] {
  const body = (error as { error?: { errors?: { code?: unknown }[] } }).error;
  return (body?.errors ?? []).map((entry) => String(entry.code));
}

export function createCarrierActivities(config: CarrierConfig) {
  const telnyx = new Telnyx({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, timeout: config.requestTimeoutMs });
  const calls = telnyx.calls.actions;

  async function send(request: CarrierRequest, commandId: string): Promise<string | null> {
    const command_id = commandId;
    switch (request.action) {
      case 'answer':
        await calls.answer(request.callControlId, { command_id, client_state: request.clientState });
        return null;
      case 'play':
        if (request.prompt.type === 'tts') {
          await calls.speak(request.callControlId, {
            command_id,
            payload: request.prompt.text,
            voice: request.prompt.voice,
            language: request.prompt.language as never,
          });
        } else {
          await calls.startPlayback(request.callControlId, { command_id, audio_url: request.prompt.url });
        }
        return null;
      case 'hold-music':
        await calls.startPlayback(request.callControlId, { command_id, audio_url: request.url ?? config.holdMusicUrl, loop: 'infinity' });
        return null;
      case 'stop-playback':
        await calls.stopPlayback(request.callControlId, { command_id, stop: 'all' });
        return null;
      case 'gather': {
        const common = {
          command_id,
          minimum_digits: request.minDigits,
          maximum_digits: request.maxDigits,
          terminating_digit: request.terminator ?? '',
          valid_digits: request.validDigits,
          timeout_millis: request.timeoutSecs * 1000,
          // The flow decides about retries itself: one try per gather.
          maximum_tries: 1,
        };
        if (request.prompt.type === 'tts') {
          await calls.gatherUsingSpeak(request.callControlId, {
            ...common,
            payload: request.prompt.text,
            voice: request.prompt.voice,
            language: request.prompt.language as never,
          });
        } else {
          await calls.gatherUsingAudio(request.callControlId, { ...common, audio_url: request.prompt.url });
        }
        return null;
      }
      case 'dial': {
        const response = await telnyx.calls.dial({
          command_id,
          connection_id: config.connectionId,
          to: request.to,
          from: request.from,
          timeout_secs: request.timeoutSecs,
          client_state: request.clientState,
        });
        return response.data?.call_control_id ?? null;
      }
      case 'hangup':
        await calls.hangup(request.callControlId, { command_id });
        return null;
      case 'bridge':
        // When the agent hangs up first the caller stays on the line: the flow continues after the conversation.
        await calls.bridge(request.callControlId, {
          command_id,
          call_control_id_to_bridge_with: request.otherCallControlId,
          park_after_unbridge: 'self',
        });
        return null;
      case 'transfer':
        await calls.transfer(request.callControlId, {
          command_id,
          to: request.to,
          from: request.from,
          timeout_secs: request.timeoutSecs,
          target_leg_client_state: request.targetLegClientState,
        });
        return null;
      case 'record-start':
        await calls.startRecording(request.callControlId, {
          command_id,
          client_state: request.clientState,
          format: request.format,
          channels: request.channels,
          play_beep: request.beep,
          ...(request.maxLengthSecs !== null ? { max_length: request.maxLengthSecs } : {}),
          ...(request.silenceTimeoutSecs !== null ? { timeout_secs: request.silenceTimeoutSecs } : {}),
        });
        return null;
      case 'record-stop':
        await calls.stopRecording(request.callControlId, { command_id });
        return null;
      case 'sms':
        await telnyx.messages.send({ from: request.from, to: request.to, text: request.text });
        return null;
    }
  }

  return {
    /**
     * Sends one Call Control command. `commandId` is derived from the workflow and the step, so a retried
     * activity repeats the same command id and the carrier ignores the repeat.
     */
    async carrierCommand(input: { commandId: string; request: CarrierRequest }): Promise<CarrierResult> {
      try {
        const callControlId = await send(input.request, input.commandId);
        return { status: 'ok', callControlId };
      } catch (error) {
        if (error instanceof Telnyx.APIError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
          if (errorCodes(error).includes(CALL_ENDED)) return { status: 'call-ended' };
          return { status: 'rejected', message: error.message };
        }
        throw error;
      }
    },
  };
}

export type CarrierActivities = ReturnType<typeof createCarrierActivities>;
