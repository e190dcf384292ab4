import { exit, wait, type Executor, type Runtime, type StepOfKind, type Transition } from '../runtime';

function startRecording(runtime: Runtime, step: StepOfKind<'record'>): Transition<{ promptId: string }> {
  if (step.config.action === 'start') {
    runtime.emit({ type: 'start-recording', channels: step.config.channels, format: step.config.format });
    runtime.state.recording = true;
    runtime.trace({ type: 'recording.started' });
  }
  return exit('next');
}

/** Start: consent announcement first, then recording. Stop: stops whatever recording runs. */
export const recordExecutor: Executor<'record', { promptId: string }> = {
  enter(runtime, step) {
    if (step.config.action === 'stop') {
      if (runtime.state.recording) {
        runtime.emit({ type: 'stop-recording' });
        runtime.state.recording = false;
        runtime.trace({ type: 'recording.stopped' });
      }
      return exit('next');
    }
    if (step.config.consentPrompt) return wait({ promptId: runtime.play(step.config.consentPrompt) });
    return startRecording(runtime, step);
  },
  resume(runtime, step, phase, input) {
    if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
    return startRecording(runtime, step);
  },
};
