import type { Prompt } from '@callflow/schemas';
import type { Runtime, Transition } from './runtime';
import type { EngineInput, InputOf } from './types';

/** Progress of a prompt-and-gather node: which attempt, and what is pending (the gather or a retry prompt). */
export type GatherPhase =
  | { stage: 'gathering'; attempt: number; gatherId: string }
  | { stage: 'retry-prompt'; attempt: number; promptId: string };

export interface GatherSpec {
  prompt: Prompt;
  validDigits: string;
  minDigits: number;
  maxDigits: number;
  terminator: string | null;
  timeoutSecs: number;
  maxAttempts: number;
}

export function startGather(runtime: Runtime, spec: GatherSpec, attempt: number): Transition<GatherPhase> {
  const gatherId = runtime.nextId('gather');
  const prompt = runtime.renderPrompt(spec.prompt);
  runtime.emit({
    type: 'gather',
    gatherId,
    prompt,
    validDigits: spec.validDigits,
    minDigits: spec.minDigits,
    maxDigits: spec.maxDigits,
    terminator: spec.terminator,
    timeoutSecs: spec.timeoutSecs,
  });
  runtime.tracePrompt(prompt);
  return { kind: 'wait', phase: { stage: 'gathering', attempt, gatherId } };
}

/**
 * After a failed attempt: play the retry prompt (if any) and gather again, or leave through `exhaustedPort`
 * once every attempt is used.
 */
export function retryGather(
  runtime: Runtime,
  spec: GatherSpec,
  attempt: number,
  retryPrompt: Prompt | null,
  exhaustedPort: string,
): Transition<GatherPhase> {
  if (attempt >= spec.maxAttempts) return { kind: 'exit', port: exhaustedPort };
  if (retryPrompt) return { kind: 'wait', phase: { stage: 'retry-prompt', attempt: attempt + 1, promptId: runtime.play(retryPrompt) } };
  return startGather(runtime, spec, attempt + 1);
}

/** Routes gather inputs: returns the finished gather for the node to judge, a transition, or null if not ours. */
export function resumeGather(
  runtime: Runtime,
  spec: GatherSpec,
  phase: GatherPhase,
  input: EngineInput,
): { gathered: InputOf<'gather.ended'>; attempt: number } | Transition<GatherPhase> | null {
  if (phase.stage === 'retry-prompt') {
    if (input.type !== 'prompt.ended' || input.promptId !== phase.promptId) return null;
    return startGather(runtime, spec, phase.attempt);
  }
  if (input.type !== 'gather.ended' || input.gatherId !== phase.gatherId) return null;
  return { gathered: input, attempt: phase.attempt };
}
