import type { Gather, Leg, Prompt } from './leg';
import type { MediaPlayer } from './media-player';
import type { Scheduler } from './scheduler';
import { speechSecs, TIMING } from './timing';

export interface GatherHost {
  readonly scheduler: Scheduler;
  readonly media: MediaPlayer;
  emit(leg: Leg, type: string, payload: Record<string, unknown>): void;
}

export type GatherSpec = Pick<
  Gather,
  | 'kind'
  | 'gatherId'
  | 'minDigits'
  | 'maxDigits'
  | 'timeoutMs'
  | 'interDigitMs'
  | 'initialMs'
  | 'terminator'
  | 'validDigits'
  | 'maxTries'
  | 'prompt'
  | 'invalidPrompt'
>;

type EndStatus = 'valid' | 'invalid' | 'timeout' | 'cancelled' | 'call_hangup';

/**
 * gather / gather_using_speak / gather_using_audio. Prompt gathers play their prompt, then wait
 * `timeout_millis` for input; no input or invalid input replays the prompt (the invalid prompt first)
 * until `maximum_tries` prompts have played. One `call.gather.ended` per command. The terminating
 * digit ends the input and is not part of `digits`; reaching `maximum_digits` ends it too.
 */
export class GatherController {
  constructor(private readonly host: GatherHost) {}

  start(leg: Leg, spec: GatherSpec): void {
    if (leg.gather !== null) this.end(leg, leg.gather, 'cancelled');
    const gather: Gather = {
      ...spec,
      tries: 0,
      digits: '',
      phase: 'prompt',
      timers: this.host.scheduler.group(),
      cancelWait: null,
      cancelInterDigit: null,
    };
    leg.gather = gather;
    if (gather.kind === 'gather') this.listen(leg, gather);
    else this.nextTry(leg, gather, false);
  }

  /** gather_stop. */
  stop(leg: Leg): void {
    if (leg.gather !== null) this.end(leg, leg.gather, 'cancelled');
  }

  hangup(leg: Leg): void {
    if (leg.gather !== null) this.end(leg, leg.gather, 'call_hangup');
  }

  /** From the media player: the main prompt of a try has played. */
  promptEnded(leg: Leg, gather: Gather): void {
    if (leg.gather === gather && gather.phase === 'prompt') this.listen(leg, gather);
  }

  /** A key the far end pressed (its call.dtmf.received is already emitted). */
  digit(leg: Leg, digit: string): void {
    const gather = leg.gather;
    if (gather === null) return;
    if (gather.phase === 'prompt') {
      gather.phase = 'listening';
      this.host.media.cancelPrompts(leg, gather);
    }
    gather.cancelWait?.();
    gather.cancelWait = null;
    if (gather.terminator !== '' && digit === gather.terminator) {
      this.complete(leg, gather);
      return;
    }
    gather.digits += digit;
    if (gather.digits.length >= gather.maxDigits) {
      this.complete(leg, gather);
      return;
    }
    gather.cancelInterDigit?.();
    gather.cancelInterDigit = this.host.scheduler.after(gather.interDigitMs / 1000, () => this.complete(leg, gather), gather.timers);
  }

  private nextTry(leg: Leg, gather: Gather, afterInvalidInput: boolean): void {
    gather.timers.clear();
    gather.cancelWait = null;
    gather.cancelInterDigit = null;
    gather.digits = '';
    gather.tries += 1;
    gather.phase = 'prompt';
    if (afterInvalidInput && gather.invalidPrompt !== null) this.playPrompt(leg, gather, gather.invalidPrompt, 'invalid');
    if (gather.prompt !== null) this.playPrompt(leg, gather, gather.prompt, 'main');
  }

  private playPrompt(leg: Leg, gather: Gather, prompt: Prompt, role: 'main' | 'invalid'): void {
    const spoken = prompt.text !== null;
    this.host.media.enqueue(leg, {
      kind: 'prompt',
      gather,
      role,
      audio: spoken ? null : { mediaUrl: prompt.mediaUrl, mediaName: prompt.mediaName },
      durationSecs: spoken ? speechSecs(prompt.text ?? '') : TIMING.audioSecs,
    });
  }

  private listen(leg: Leg, gather: Gather): void {
    gather.phase = 'listening';
    const { scheduler } = this.host;
    if (gather.kind === 'gather') {
      scheduler.after(gather.timeoutMs / 1000, () => this.timeout(leg, gather), gather.timers);
      gather.cancelWait = scheduler.after((gather.initialMs ?? gather.timeoutMs) / 1000, () => this.timeout(leg, gather), gather.timers);
    } else {
      gather.cancelWait = scheduler.after(gather.timeoutMs / 1000, () => this.timeout(leg, gather), gather.timers);
    }
    leg.party.onGatherListening();
  }

  private timeout(leg: Leg, gather: Gather): void {
    if (gather.digits !== '') this.complete(leg, gather);
    else if (this.canRetry(gather)) this.nextTry(leg, gather, false);
    else this.end(leg, gather, 'timeout');
  }

  private complete(leg: Leg, gather: Gather): void {
    if (isValid(gather)) this.end(leg, gather, 'valid');
    else if (this.canRetry(gather)) this.nextTry(leg, gather, true);
    else this.end(leg, gather, 'invalid');
  }

  private canRetry(gather: Gather): boolean {
    return gather.kind !== 'gather' && gather.tries < gather.maxTries;
  }

  private end(leg: Leg, gather: Gather, status: EndStatus): void {
    gather.timers.clear();
    if (leg.gather === gather) leg.gather = null;
    this.host.media.cancelPrompts(leg, gather);
    this.host.emit(leg, 'call.gather.ended', {
      digits: gather.digits,
      status,
      ...(gather.gatherId === null ? {} : { gather_id: gather.gatherId }),
    });
  }
}

function isValid(gather: Gather): boolean {
  const { digits } = gather;
  return (
    digits.length >= gather.minDigits &&
    digits.length <= gather.maxDigits &&
    [...digits].every((digit) => gather.validDigits.includes(digit))
  );
}
