import type { Leg } from './leg';
import type { CallerAction, EndpointBehaviour, HangUpAtEvent } from './sandbox.schema';
import type { Scheduler } from './scheduler';
import type { PartyEntry } from './timeline';
import { TIMING } from './timing';

/** What a simulated party can do to its leg. */
export interface PartyHost {
  readonly scheduler: Scheduler;
  receiveDigit(leg: Leg, digit: string): void;
  farEndAnswer(leg: Leg): void;
  farEndDecline(leg: Leg, how: 'decline' | 'busy'): void;
  farEndHangup(leg: Leg): void;
  note(leg: Leg, action: PartyEntry['action'], detail: string | null): void;
}

export type PartyConfig =
  | { kind: 'caller'; script: CallerAction[]; hangUpAfterSecs?: number; hangUpAtEvent?: HangUpAtEvent }
  | { kind: 'endpoint'; behaviour: EndpointBehaviour };

/**
 * The person (or phone) at the far end of a leg: the inbound caller following its script, or a dialed
 * endpoint that answers, declines or never answers. Script actions are taken one at a time when the
 * flow waits for the party (see CallerActionSchema).
 */
export class SimulatedParty {
  private readonly script: CallerAction[];
  private readonly eventCounts = new Map<string, number>();

  constructor(
    private readonly host: PartyHost,
    private readonly leg: Leg,
    private readonly config: PartyConfig,
  ) {
    this.script =
      config.kind === 'caller' ? [...config.script] : config.behaviour.answer === 'after' ? [...config.behaviour.script] : [];
  }

  /** The leg exists and its call.initiated is out. */
  start(): void {
    const { config, host, leg } = this;
    if (config.kind === 'caller') {
      if (config.hangUpAfterSecs !== undefined) this.after(config.hangUpAfterSecs, () => this.hangUp(`after ${config.hangUpAfterSecs} s`));
      return;
    }
    const behaviour = config.behaviour;
    switch (behaviour.answer) {
      case 'after':
        this.after(behaviour.afterSecs, () => {
          host.note(leg, 'answer', null);
          host.farEndAnswer(leg);
        });
        return;
      case 'decline':
      case 'busy':
        this.after(behaviour.afterSecs, () => {
          host.note(leg, behaviour.answer, null);
          host.farEndDecline(leg, behaviour.answer);
        });
        return;
      case 'never':
        return;
    }
  }

  onAnswered(): void {
    const { config } = this;
    if (config.kind === 'endpoint' && config.behaviour.answer === 'after' && config.behaviour.talkSecs !== null) {
      const talkSecs = config.behaviour.talkSecs;
      this.after(talkSecs, () => this.hangUp(`after talking ${talkSecs} s`));
    }
  }

  onEvent(type: string): void {
    const trigger = this.config.kind === 'caller' ? this.config.hangUpAtEvent : undefined;
    if (trigger === undefined || trigger.type !== type) return;
    const count = (this.eventCounts.get(type) ?? 0) + 1;
    this.eventCounts.set(type, count);
    if (count === trigger.occurrence) this.after(trigger.afterSecs, () => this.hangUp(`at ${type} #${count}`));
  }

  /** A gather (or one try of a prompt gather) is listening: take the next action. */
  onGatherListening(): void {
    const action = this.script.shift();
    if (action === undefined || 'silence' in action || 'say' in action) return;
    if ('press' in action) this.press(action.press, TIMING.callerThinkSecs);
    else this.after(TIMING.callerThinkSecs, () => this.hangUp('at a gather'));
  }

  /** A recording started: the next action is what goes into it. Returns the words said, if any. */
  onRecordingStarted(): string | null {
    const action = this.script.shift();
    if (action === undefined || 'silence' in action) return null;
    if ('say' in action) {
      this.host.note(this.leg, 'say', action.say);
      return action.say;
    }
    if ('press' in action) this.press(action.press, TIMING.callerThinkSecs);
    else this.after(TIMING.callerThinkSecs, () => this.hangUp('during a recording'));
    return null;
  }

  /** Finished speaking into a recording: hang up right away if that is what the script says next. */
  onSpeechEnded(): void {
    const next = this.script[0];
    if (next !== undefined && 'hangup' in next) {
      this.script.shift();
      this.after(TIMING.hangUpAfterSpeechSecs, () => this.hangUp('after speaking'));
    }
  }

  /** Hold music started: a pending key press is made a few seconds into it. */
  onHoldStarted(): void {
    const next = this.script[0];
    if (next !== undefined && 'press' in next) {
      this.script.shift();
      this.press(next.press, TIMING.holdPressDelaySecs);
    }
  }

  private press(digits: string, delaySecs: number): void {
    const { host, leg } = this;
    this.after(delaySecs, () => host.note(leg, 'press', digits));
    [...digits].forEach((digit, index) => {
      this.after(delaySecs + index * TIMING.digitSpacingSecs, () => host.receiveDigit(leg, digit));
    });
  }

  private hangUp(reason: string): void {
    this.host.note(this.leg, 'hangup', reason);
    this.host.farEndHangup(this.leg);
  }

  private after(secs: number, fn: () => void): void {
    this.host.scheduler.after(secs, fn, this.leg.timers);
  }
}
