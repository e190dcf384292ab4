// Turns carrier webhooks into the interpreter's inputs. Deterministic (runs inside the workflow): it keeps
// just enough bookkeeping to tell which prompt or gather a carrier event finishes.
import type { EngineEvent, RenderedPrompt } from '@callflow/engine';
import { isCallerLegEventType, isDialledLegEventType, type CarrierEvent } from '../contracts';

type Media = { promptId: string; kind: 'tts' | 'audio' };

const GATHER_STATUSES = { valid: 'valid', invalid: 'invalid', timeout: 'timeout' } as const;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The inbound leg's outstanding prompts and gather, and the legs the workflow dialled. */
export class CallLegs {
  private readonly prompts: Media[] = [];
  private gatherId: string | null = null;
  private readonly legIdsByCallControlId = new Map<string, string>();
  private transferPending = false;

  constructor(readonly mainCallControlId: string) {}

  promptStarted(promptId: string, prompt: RenderedPrompt): void {
    this.prompts.push({ promptId, kind: prompt.type === 'tts' ? 'tts' : 'audio' });
  }

  /** Stopping playback ends whatever plays now; its late "ended" events must not finish a later prompt. */
  playbackStopped(): void {
    this.prompts.length = 0;
  }

  gatherStarted(gatherId: string): void {
    this.gatherId = gatherId;
  }

  legDialled(legId: string, callControlId: string): void {
    this.legIdsByCallControlId.set(callControlId, legId);
  }

  callControlIdOf(legId: string): string | null {
    for (const [callControlId, candidate] of this.legIdsByCallControlId) if (candidate === legId) return callControlId;
    return null;
  }

  transferStarted(): void {
    this.transferPending = true;
  }

  private finishPrompt(kind: Media['kind']): string | null {
    const index = this.prompts.findIndex((media) => media.kind === kind);
    if (index < 0) return null;
    const [media] = this.prompts.splice(index, 1);
    return media?.promptId ?? null;
  }

  /** The interpreter input for one carrier event, or null when the event changes nothing for the flow. */
  toEngineEvent(event: CarrierEvent, callId: string): EngineEvent | null {
    const { payload } = event;
    const legId = event.clientState?.l ?? (event.callControlId ? this.legIdsByCallControlId.get(event.callControlId) : undefined);
    if (event.callControlId && legId && event.callControlId !== this.mainCallControlId) {
      this.legIdsByCallControlId.set(event.callControlId, legId);
      return this.legEvent(event, legId);
    }
    if (event.callControlId !== this.mainCallControlId || !isCallerLegEventType(event.type)) return null;
    // Exhaustive over CALLER_LEG_EVENT_TYPES, the list the API filters webhooks with: the two cannot drift apart.
    const type = event.type;
    switch (type) {
      case 'call.initiated':
        return { type: 'call.started', call: { callId, from: text(payload.from) ?? '', to: text(payload.to) ?? '' } };
      case 'call.answered':
        return { type: 'call.answered' };
      case 'call.hangup':
        return { type: 'call.hangup', cause: text(payload.hangup_cause) ?? 'unspecified' };
      case 'call.speak.ended':
      case 'call.playback.ended': {
        const status = text(payload.status);
        if (status === 'cancelled' || status === 'call_hangup' || status === 'cancelled_amd') return null;
        const promptId = this.finishPrompt(event.type === 'call.speak.ended' ? 'tts' : 'audio');
        return promptId ? { type: 'prompt.ended', promptId, status: status === 'completed' || status === null ? 'completed' : 'failed' } : null;
      }
      case 'call.gather.ended': {
        const status = text(payload.status);
        if (!this.gatherId || status === 'call_hangup' || status === 'cancelled' || status === 'cancelled_amd') return null;
        const gatherId = this.gatherId;
        this.gatherId = null;
        const mapped = status && status in GATHER_STATUSES ? GATHER_STATUSES[status as keyof typeof GATHER_STATUSES] : 'failed';
        return { type: 'gather.ended', gatherId, digits: text(payload.digits) ?? '', status: mapped };
      }
      case 'call.dtmf.received': {
        const digit = text(payload.digit);
        return digit && !this.gatherId ? { type: 'dtmf', digit } : null;
      }
      case 'call.recording.saved': {
        const urls = (payload.recording_urls ?? {}) as Record<string, unknown>;
        const url = text(urls.mp3) ?? text(urls.wav);
        if (!url) return null;
        const started = Date.parse(text(payload.recording_started_at) ?? '');
        const ended = Date.parse(text(payload.recording_ended_at) ?? '');
        const durationSecs = Number.isFinite(started) && Number.isFinite(ended) ? Math.max(0, Math.round((ended - started) / 1000)) : 0;
        // Only voicemails were waited for before recordings were tagged: an untagged one is treated as a voicemail.
        const recording = event.clientState?.r === 'call' ? 'call' : 'voicemail';
        return { type: 'recording.saved', recording, url, durationSecs };
      }
    }
  }

  private legEvent(event: CarrierEvent, legId: string): EngineEvent | null {
    if (!isDialledLegEventType(event.type)) return null;
    const isTransfer = legId === TRANSFER_LEG_ID;
    const type = event.type;
    switch (type) {
      case 'call.answered':
        if (isTransfer) {
          if (!this.transferPending) return null;
          this.transferPending = false;
          return { type: 'transfer.completed', answered: true, cause: 'answered' };
        }
        return { type: 'leg.answered', legId };
      case 'call.hangup': {
        const cause = text(event.payload.hangup_cause) ?? 'unspecified';
        if (isTransfer) {
          if (!this.transferPending) return null;
          this.transferPending = false;
          return { type: 'transfer.completed', answered: false, cause };
        }
        return { type: 'leg.ended', legId, cause };
      }
      case 'call.speak.ended':
        // Only callbackWorkflow speaks to a leg it dialled (the agent's announcement).
        return null;
    }
  }
}

/** The leg id given to the far end of a transfer (only one transfer can be pending per call). */
export const TRANSFER_LEG_ID = 'transfer';
