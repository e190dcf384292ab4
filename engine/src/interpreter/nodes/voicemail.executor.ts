import type { Mailbox, Prompt } from '@callflow/schemas';
import { end, exit, wait, type Executor, type Runtime, type StepOfKind, type Transition } from '../runtime';

export const DEFAULT_VOICEMAIL_GREETING: Prompt = {
  type: 'tts',
  text: 'Please leave a message after the tone.',
  voice: 'female',
  language: 'en-US',
};
export const DEFAULT_VOICEMAIL_MAX_LENGTH_SECS = 120;
/** How long to wait for the carrier's recording after the caller hung up mid-message. */
const RECORDING_GRACE_SECS = 60;

/** The mailbox's settings with the node's overrides: what this message is recorded and delivered with. */
interface Delivery {
  mailboxId: string;
  maxLengthSecs: number;
  transcribe: boolean;
  notifyEmails: string[];
  notifySms: string[];
}

export type VoicemailPhase =
  | { stage: 'looking-up'; requestId: string }
  | { stage: 'greeting'; promptId: string; delivery: Delivery }
  | { stage: 'recording'; delivery: Delivery; graceTimerId: string | null };

function delivery(step: StepOfKind<'voicemail'>, mailbox: Mailbox | null): Delivery {
  const { config } = step;
  const unique = (values: string[]) => [...new Set(values)];
  return {
    mailboxId: config.mailboxId,
    maxLengthSecs: config.maxLengthSecs ?? mailbox?.maxLengthSecs ?? DEFAULT_VOICEMAIL_MAX_LENGTH_SECS,
    transcribe: config.transcribe ?? mailbox?.transcribe ?? true,
    notifyEmails: unique([...(mailbox?.notifyEmails ?? []), ...config.notifyEmails]),
    notifySms: unique([...(mailbox?.notifySms ?? []), ...config.notifySms]),
  };
}

function record(runtime: Runtime, step: StepOfKind<'voicemail'>, delivery: Delivery): Transition<VoicemailPhase> {
  if (runtime.state.recording) {
    runtime.emit({ type: 'stop-recording' });
    runtime.state.recording = false;
    runtime.trace({ type: 'recording.stopped' });
  }
  const { config } = step;
  runtime.emit({ type: 'record-voicemail', maxLengthSecs: delivery.maxLengthSecs, silenceTimeoutSecs: config.silenceTimeoutSecs, beep: config.beep });
  return wait({ stage: 'recording', delivery, graceTimerId: null });
}

export const voicemailExecutor: Executor<'voicemail', VoicemailPhase> = {
  enter(runtime, step) {
    const requestId = runtime.nextId('lookup');
    runtime.emit({ type: 'lookup', requestId, request: { type: 'mailbox', mailboxId: step.config.mailboxId } });
    return wait({ stage: 'looking-up', requestId });
  },
  resume(runtime, step, phase, input) {
    if (phase.stage === 'looking-up') {
      if (input.type !== 'lookup.completed' || input.requestId !== phase.requestId || input.result.type !== 'mailbox') return null;
      const greeting = step.config.greeting ?? input.result.mailbox?.greeting ?? DEFAULT_VOICEMAIL_GREETING;
      return wait({ stage: 'greeting', promptId: runtime.play(greeting), delivery: delivery(step, input.result.mailbox) });
    }
    if (phase.stage === 'greeting') {
      if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
      return record(runtime, step, phase.delivery);
    }
    if (input.type === 'timer.fired' && input.timerId === phase.graceTimerId) {
      return end('voicemail recording never arrived', { hangup: false });
    }
    // A call recording stopped on entry reports its audio late, often after this one started.
    if (input.type !== 'recording.saved' || input.recording !== 'voicemail') return null;
    if (phase.graceTimerId) runtime.emit({ type: 'cancel-timer', timerId: phase.graceTimerId });
    const { mailboxId, transcribe, notifyEmails, notifySms } = phase.delivery;
    runtime.emit({
      type: 'save-voicemail',
      mailboxId,
      recording: { url: input.url, durationSecs: input.durationSecs },
      transcribe,
      notifyEmails,
      notifySms,
      callerNumber: runtime.state.call?.from ?? '',
    });
    runtime.trace({ type: 'voicemail.recorded', durationSecs: input.durationSecs });
    runtime.state.disposition = 'voicemail';
    return exit('next');
  },
  hangup(runtime, _step, phase) {
    // Callers usually hang up to finish their message: keep waiting for the carrier's recording.
    if (phase.stage !== 'recording') return end('caller hung up', { hangup: false });
    return wait({ ...phase, graceTimerId: runtime.startTimer(RECORDING_GRACE_SECS) });
  },
};
