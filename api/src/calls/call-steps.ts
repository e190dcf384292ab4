import type { TraceEvent } from '@callflow/engine';
import type { CallStep, CallStepEvent } from '@callflow/schemas';

function toStepEvent(event: TraceEvent, startedAt: number): CallStepEvent {
  return { ...event, at: new Date(event.at).toISOString(), offsetMs: event.at - startedAt };
}

/**
 * The call's step record as node visits: each `node.entered` opens a step that lasts until the next one opens or
 * the call ends, and holds what happened meanwhile (prompts, digits, agents rung and who answered…). The n-th
 * voicemail recorded belongs with the n-th voicemail stored for the call.
 */
export function callSteps(events: readonly TraceEvent[], startedAt: Date, voicemailIds: readonly string[]): CallStep[] {
  const start = startedAt.getTime();
  const steps: CallStep[] = [];
  let voicemails = 0;
  for (const event of events) {
    let step = steps.at(-1);
    if (event.type === 'node.entered' || step === undefined) {
      if (step) step.durationMs = event.at - start - step.offsetMs;
      step = {
        index: steps.length,
        flowId: event.flowId,
        node: event.type === 'node.entered' ? event.node : null,
        kind: event.type === 'node.entered' ? event.kind : null,
        label: event.type === 'node.entered' ? event.label : null,
        enteredAt: new Date(event.at).toISOString(),
        offsetMs: event.at - start,
        durationMs: null,
        exitPort: null,
        events: [],
        voicemailIds: [],
      };
      steps.push(step);
    }
    step.events.push(toStepEvent(event, start));
    if (event.type === 'node.exited') step.exitPort = event.port;
    if (event.type === 'call.ended') step.durationMs = event.at - start - step.offsetMs;
    if (event.type === 'voicemail.recorded') {
      const id = voicemailIds[voicemails++];
      if (id !== undefined) step.voicemailIds.push(id);
    }
  }
  return steps;
}
