import type { Gather, Leg, MediaItem } from './leg';
import type { Scheduler } from './scheduler';
import { TIMING } from './timing';

export interface MediaHost {
  readonly scheduler: Scheduler;
  emit(leg: Leg, type: string, payload: Record<string, unknown>): void;
  /** A gather's main prompt finished (or was stopped): the gather starts listening. */
  promptEnded(leg: Leg, gather: Gather): void;
  /** Hold music (a playback looping forever) started while no gather listens. */
  holdStarted(leg: Leg): void;
}

type EndStatus = 'completed' | 'cancelled' | 'call_hangup';

/**
 * What a leg plays: speak, playback and gather prompts queue up and play one after the other, each
 * announced by its started/ended webhooks (a speak prompt of gather_using_speak plays silently, as
 * Telnyx lists no speak events for it).
 */
export class MediaPlayer {
  constructor(private readonly host: MediaHost) {}

  enqueue(leg: Leg, item: MediaItem, stop?: 'current' | 'all'): void {
    if (stop !== undefined) this.stop(leg, stop);
    leg.media.queue.push(item);
    this.scheduleStart(leg);
  }

  /** playback_stop, or a new speak/playback with `stop`. Queued gather prompts stay queued. */
  stop(leg: Leg, which: 'current' | 'all'): void {
    if (which === 'all') leg.media.queue = leg.media.queue.filter((item) => item.kind === 'prompt');
    this.finish(leg, 'cancelled');
  }

  /** The caller pressed a key during (or before) a gather's prompt: the prompt stops, the gather listens. */
  cancelPrompts(leg: Leg, gather: Gather): void {
    leg.media.queue = leg.media.queue.filter((item) => item.kind !== 'prompt' || item.gather !== gather);
    const current = leg.media.current?.item;
    if (current?.kind === 'prompt' && current.gather === gather) this.finish(leg, 'cancelled');
  }

  /** The leg hung up: what plays ends with `call_hangup`, the queue is dropped. */
  hangup(leg: Leg): void {
    leg.media.queue = [];
    this.finish(leg, 'call_hangup');
  }

  private scheduleStart(leg: Leg): void {
    const media = leg.media;
    if (media.current !== null || media.startPending || media.queue.length === 0) return;
    media.startPending = true;
    this.host.scheduler.after(
      TIMING.commandLatencySecs,
      () => {
        media.startPending = false;
        this.startNext(leg);
      },
      leg.timers,
    );
  }

  private startNext(leg: Leg): void {
    const item = leg.media.queue.shift();
    if (item === undefined) return;
    const durationSecs = item.kind === 'playback' ? (item.loops === 'infinity' ? null : TIMING.audioSecs * item.loops) : item.durationSecs;
    const stopTimer =
      durationSecs === null ? () => undefined : this.host.scheduler.after(durationSecs, () => this.finish(leg, 'completed'), leg.timers);
    leg.media.current = { item, stopTimer };
    this.announce(leg, item, null);
    if (item.kind === 'playback' && item.loops === 'infinity' && leg.gather === null) this.host.holdStarted(leg);
  }

  private finish(leg: Leg, status: EndStatus): void {
    const current = leg.media.current;
    if (current === null) return;
    leg.media.current = null;
    current.stopTimer();
    this.announce(leg, current.item, status);
    if (status === 'call_hangup') return;
    const { item } = current;
    if (item.kind === 'prompt' && item.role === 'main') this.host.promptEnded(leg, item.gather);
    if (leg.media.current === null) {
      if (leg.media.queue.length > 0) this.startNext(leg);
    }
  }

  /** started (status null) or ended webhooks of an item. */
  private announce(leg: Leg, item: MediaItem, status: EndStatus | null): void {
    const phase = status === null ? 'started' : 'ended';
    if (item.kind === 'speak') {
      // Telnyx documents no `cancelled` status for speak: a stopped speak reports `completed`.
      const speakStatus = status === 'cancelled' ? 'completed' : status;
      this.host.emit(leg, `call.speak.${phase}`, { speak_id: item.speakId, ...(status === null ? {} : { status: speakStatus }) });
      return;
    }
    const audio = item.kind === 'playback' ? item : item.audio;
    if (audio === null) return;
    this.host.emit(leg, `call.playback.${phase}`, {
      media_url: audio.mediaUrl,
      media_name: audio.mediaName,
      overlay: item.kind === 'playback' ? item.overlay : false,
      ...(status === null ? {} : { status }),
    });
  }
}
