import type { Prompt } from '@callflow/schemas';
import { end, exit, wait, type Executor, type Runtime, type StepOfKind, type Transition } from '../runtime';

export const DEFAULT_VOICEMAIL_GREETING: Prompt = {
  type: 'tts',
  text: 'Please leave a message after the tone.',
  voice: 'female',
  language: 'en-US',
};
/** How long to wait for the carrier's recording after the caller hung up mid-message. */
const RECORDING_GRACE_SECS = 60;

export type VoicemailPhase =
  | { stage: 'looking-up'; requestId: string }
  | { stage: 'greeting'; promptId: string; mailboxId: string }
  | { stage: 'recording'; mailboxId: string; graceTimerId: string | null };

function record(runtime: Runtime, step: StepOfKind<'voicemail'>, mailboxId: string): Transition<VoicemailPhase> {
  if (runtime.state.recording) {
    runtime.emit({ type: 'stop-recording' });
    runtime.state.recording = false;
  }
  const { config } = step;
  runtime.emit({ type: 'record-voicemail', maxLengthSecs: config.maxLengthSecs, silenceTimeoutSecs: config.silenceTimeoutSecs, beep: config.beep });
  return wait({ stage: 'recording', mailboxId, graceTimerId: null });
}

export const voicemailExecutor: Executor<'voicemail', VoicemailPhase> = {
  enter(runtime, step) {
    const requestId = runtime.nextId('lookup');
    runtime.emit({ type: 'lookup', requestId, request: { type: 'mailbox', mailboxId: step.config.mailboxId } });
    return wait({ stage: 'looking-up', requestId });
  },
  resume(runtime, step, phase, input) {
    const { config } = step;
    if (phase.stage === 'looking-up') {
      if (input.type !== 'lookup.completed' || input.requestId !== phase.requestId || input.result.type !== 'mailbox') return null;
      const greeting = config.greeting ?? input.result.mailbox?.greeting ?? DEFAULT_VOICEMAIL_GREETING;
      return wait({ stage: 'greeting', promptId: runtime.play(greeting), mailboxId: config.mailboxId });
    }
    if (phase.stage === 'greeting') {
      if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
      return record(runtime, step, phase.mailboxId);
    }
    if (input.type === 'timer.fired' && input.timerId === phase.graceTimerId) {
      return end('voicemail recording never arrived', { hangup: false });
    }
    if (input.type !== 'recording.saved') return null;
    runtime.emit({
      type: 'save-voicemail',
      mailboxId: phase.mailboxId,
      recording: { url: input.url, durationSecs: input.durationSecs },
      transcribe: config.transcribe,
      notifyEmails: config.notifyEmails,
      notifySms: config.notifySms,
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
