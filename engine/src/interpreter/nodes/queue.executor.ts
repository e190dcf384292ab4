import type { Prompt } from '@callflow/schemas';
import { continueRinging, releaseLegs, startRinging, type Ringing } from '../ringing';
import { exit, wait, type Executor, type Runtime, type StepOfKind, type Transition } from '../runtime';
import type { EngineInput, QueueSettings, RenderedPrompt } from '../types';

interface Waiting {
  stage: 'waiting';
  settings: QueueSettings;
  position: number;
  expectedWaitSecs: number | null;
  maxWaitTimerId: string;
  announceTimerId: string | null;
  /** The announcement prompt playing now, and those still to play after it (hold music resumes after the last). */
  announcing: { promptId: string; rest: RenderedPrompt[] } | null;
  offer: { assignmentId: string; ringing: Ringing } | null;
}

export type QueuePhase =
  | { stage: 'entry-prompt'; promptId: string }
  /** `early` is an agent assignment that overtook the join confirmation (two signals, no order between them). */
  | { stage: 'joining'; early: AgentAssigned | null }
  | Waiting
  | { stage: 'connected'; ringing: Ringing; assignmentId: string };

type QueueStep = StepOfKind<'queue'>;
type AgentAssigned = Extract<EngineInput, { type: 'queue.agent-assigned' }>;

function announcementText(phase: Waiting): string | null {
  const parts: string[] = [];
  if (phase.settings.announcePosition) parts.push(`You are caller number ${phase.position} in line.`);
  if (phase.settings.announceExpectedWait && phase.expectedWaitSecs !== null) {
    const minutes = Math.max(1, Math.round(phase.expectedWaitSecs / 60));
    parts.push(`Your expected wait is about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function announcements(runtime: Runtime, step: QueueStep, phase: Waiting): RenderedPrompt[] {
  const text = announcementText(phase);
  const prompts: RenderedPrompt[] = text ? [{ type: 'tts', text, voice: 'female', language: 'en-US' }] : [];
  if (step.config.callback) prompts.push(runtime.renderPrompt(step.config.callback.prompt));
  return prompts;
}

function playNext(runtime: Runtime, step: QueueStep, phase: Waiting, prompts: RenderedPrompt[]): Waiting {
  const [first, ...rest] = prompts;
  if (!first) {
    // Settings of a join recorded before queues had hold audio lack holdAudioUrl: the default hold music, as then.
    runtime.emit({ type: 'start-hold-music', url: step.config.holdAudio?.url ?? phase.settings.holdAudioUrl ?? null });
    return { ...phase, announcing: null };
  }
  return { ...phase, announcing: { promptId: runtime.playRendered(first), rest } };
}

function announce(runtime: Runtime, step: QueueStep, phase: Waiting): Waiting {
  const prompts = announcements(runtime, step, phase);
  if (prompts.length === 0) return phase;
  if (!phase.announcing) runtime.emit({ type: 'stop-playback' });
  return playNext(runtime, step, phase, prompts);
}

function leave(runtime: Runtime, step: QueueStep, phase: Waiting, reason: 'timeout' | 'callback' | 'hangup'): void {
  if (phase.offer) releaseLegs(runtime, phase.offer.ringing);
  runtime.emit({ type: 'cancel-timer', timerId: phase.maxWaitTimerId });
  if (phase.announceTimerId) runtime.emit({ type: 'cancel-timer', timerId: phase.announceTimerId });
  runtime.emit({ type: 'leave-queue', queueId: step.config.queueId, reason });
}

function join(runtime: Runtime, step: QueueStep): Transition<QueuePhase> {
  runtime.emit({
    type: 'enqueue',
    queueId: step.config.queueId,
    overrides: {
      maxWaitSecs: step.config.maxWaitSecs,
      announcePosition: step.config.announcePosition,
      announceExpectedWait: step.config.announceExpectedWait,
      announceIntervalSecs: step.config.announceIntervalSecs,
    },
    callerNumber: runtime.state.call?.from ?? '',
  });
  return wait({ stage: 'joining', early: null });
}

function resumeWaiting(runtime: Runtime, step: QueueStep, phase: Waiting, input: EngineInput): Transition<QueuePhase> | null {
  const { config } = step;
  if (phase.offer) {
    const offer = phase.offer;
    const offeredLegAnswered = input.type === 'leg.answered' && offer.ringing.legs.some((leg) => leg.legId === input.legId && !leg.ended);
    if (offeredLegAnswered) runtime.emit({ type: 'stop-playback' });
    const progress = continueRinging(runtime, offer.ringing, input);
    if (progress) {
      if (progress.progress === 'connected') {
        runtime.emit({ type: 'cancel-timer', timerId: phase.maxWaitTimerId });
        if (phase.announceTimerId) runtime.emit({ type: 'cancel-timer', timerId: phase.announceTimerId });
        runtime.emit({ type: 'report-queue-offer', queueId: config.queueId, assignmentId: offer.assignmentId, result: 'connected' });
        runtime.emit({ type: 'leave-queue', queueId: config.queueId, reason: 'answered' });
        return wait({ stage: 'connected', ringing: progress.ringing, assignmentId: offer.assignmentId });
      }
      if (progress.progress === 'no-answer') {
        runtime.emit({ type: 'report-queue-offer', queueId: config.queueId, assignmentId: offer.assignmentId, result: 'missed' });
        return wait({ ...phase, offer: null });
      }
      return wait({ ...phase, offer: { ...offer, ringing: progress.ringing } });
    }
  }
  switch (input.type) {
    case 'queue.position':
      return wait({ ...phase, position: input.position, expectedWaitSecs: input.expectedWaitSecs });
    case 'queue.agent-assigned': {
      if (phase.offer) return null;
      const started = startRinging(runtime, { attempts: [{ targets: [input.target], timeoutSecs: input.timeoutSecs }], skipped: [] });
      return wait({ ...phase, offer: { assignmentId: input.assignmentId, ringing: started.ringing } });
    }
    case 'prompt.ended':
      if (!phase.announcing || input.promptId !== phase.announcing.promptId) return null;
      return wait(playNext(runtime, step, phase, phase.announcing.rest));
    case 'timer.fired':
      if (input.timerId === phase.maxWaitTimerId) {
        runtime.emit({ type: 'stop-playback' });
        leave(runtime, step, phase, 'timeout');
        runtime.trace({ type: 'queue.overflowed', queueId: step.config.queueId, reason: 'max-wait' });
        return exit('timeout');
      }
      if (input.timerId === phase.announceTimerId) {
        const announced = announce(runtime, step, phase);
        return wait({ ...announced, announceTimerId: runtime.startTimer(phase.settings.announceIntervalSecs) });
      }
      return null;
    case 'dtmf':
      if (!config.callback || input.digit !== config.callback.digit) return null;
      runtime.trace({ type: 'digits.received', digits: input.digit, accepted: true });
      runtime.emit({ type: 'stop-playback' });
      leave(runtime, step, phase, 'callback');
      runtime.emit({ type: 'schedule-callback', queueId: config.queueId, number: runtime.state.call?.from ?? '' });
      runtime.state.disposition = 'callback';
      return exit('callback');
    default:
      return null;
  }
}

/** The caller leaves the waiting list, or the agent they talk to is released. */
function releaseQueue(runtime: Runtime, step: QueueStep, phase: QueuePhase): void {
  if (phase.stage === 'waiting') leave(runtime, step, phase, 'hangup');
  if (phase.stage === 'connected') {
    releaseLegs(runtime, phase.ringing);
    runtime.emit({ type: 'release-queue-agent', queueId: step.config.queueId, assignmentId: phase.assignmentId });
  }
}

export const queueExecutor: Executor<'queue', QueuePhase> = {
  enter(runtime, step) {
    const entryPrompt: Prompt | null = step.config.entryPrompt;
    if (entryPrompt) return wait({ stage: 'entry-prompt', promptId: runtime.play(entryPrompt) });
    return join(runtime, step);
  },
  resume(runtime, step, phase, input) {
    switch (phase.stage) {
      case 'entry-prompt':
        if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
        return join(runtime, step);
      case 'joining': {
        if (input.type === 'queue.rejected') {
          runtime.trace({ type: 'queue.overflowed', queueId: step.config.queueId, reason: input.reason });
          return exit('timeout');
        }
        if (input.type === 'queue.agent-assigned' && phase.early === null) return wait({ ...phase, early: input });
        if (input.type !== 'queue.joined') return null;
        runtime.trace({ type: 'queue.joined', queueId: step.config.queueId, position: input.position, expectedWaitSecs: input.expectedWaitSecs });
        const waiting: Waiting = {
          stage: 'waiting',
          settings: input.settings,
          position: input.position,
          expectedWaitSecs: input.expectedWaitSecs,
          maxWaitTimerId: runtime.startTimer(input.settings.maxWaitSecs),
          announceTimerId: null,
          announcing: null,
          offer: null,
        };
        const prompts = announcements(runtime, step, waiting);
        const started = playNext(runtime, step, waiting, prompts);
        const announced = prompts.length > 0 ? { ...started, announceTimerId: runtime.startTimer(input.settings.announceIntervalSecs) } : started;
        return phase.early === null ? wait(announced) : resumeWaiting(runtime, step, announced, phase.early);
      }
      case 'waiting':
        return resumeWaiting(runtime, step, phase, input);
      case 'connected': {
        const progress = continueRinging(runtime, phase.ringing, input);
        if (progress === null) return null;
        // Over: the conversation ended, or the extension the agent transferred the caller to did not answer.
        if (progress.progress === 'conversation-ended' || progress.progress === 'no-answer') {
          runtime.emit({ type: 'release-queue-agent', queueId: step.config.queueId, assignmentId: phase.assignmentId });
          return exit('answered');
        }
        return wait({ ...phase, ringing: progress.ringing });
      }
    }
  },
  release: releaseQueue,
};
