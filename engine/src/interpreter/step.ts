import type { NodeKind, ProgramStep } from '@callflow/schemas';
import { executors } from './executors';
import { Runtime, type Executor, type Transition } from './runtime';
import type { CallState, EngineInput, RunnableProgram, StepResult } from './types';

/** Steps taken without waiting inside one `step` call before the call is ended as a runaway loop. */
export const MAX_STEPS_WITHOUT_WAITING = 1000;

export function initialCallState(program: RunnableProgram): CallState {
  return {
    status: 'new',
    flowId: program.flowId,
    stepId: null,
    phase: null,
    vars: {},
    call: null,
    answered: false,
    callerHungUp: false,
    recording: false,
    disposition: null,
    seq: 0,
    outcome: null,
  };
}

type AnyExecutor = Executor<NodeKind, Record<string, unknown>>;

function executorFor(step: ProgramStep): AnyExecutor {
  return executors[step.kind] as unknown as AnyExecutor;
}

function currentStep(runtime: Runtime): ProgramStep | null {
  const { stepId } = runtime.state;
  return stepId === null ? null : runtime.currentProgram().steps[stepId] ?? null;
}

function finish(runtime: Runtime, transition: Extract<Transition, { kind: 'end' }>): void {
  const { state } = runtime;
  if (transition.hangup && !state.callerHungUp) runtime.emit({ type: 'hangup' });
  const result = transition.result ?? state.disposition ?? (state.callerHungUp ? 'abandoned' : 'completed');
  state.outcome = { result, node: state.stepId, reason: transition.reason };
  state.status = 'ended';
  state.phase = null;
  runtime.trace({ type: 'call.ended', outcome: state.outcome });
}

function enter(runtime: Runtime, stepId: string): Transition {
  const step = runtime.currentProgram().steps[stepId];
  if (!step) return { kind: 'end', reason: `step ${stepId} is missing from the program`, hangup: true, result: 'failed' };
  runtime.state.stepId = stepId;
  runtime.state.phase = null;
  runtime.trace({ type: 'node.entered', kind: step.kind, label: step.label });
  return executorFor(step).enter(runtime, step);
}

/** Follows transitions until the call waits for something or ends. */
function advance(runtime: Runtime, first: Transition): void {
  let transition = first;
  for (let hops = 0; ; hops += 1) {
    if (hops > MAX_STEPS_WITHOUT_WAITING) {
      transition = { kind: 'end', reason: 'the flow looped without waiting for the caller', hangup: true, result: 'failed' };
    }
    switch (transition.kind) {
      case 'wait':
        runtime.state.phase = transition.phase;
        return;
      case 'end':
        finish(runtime, transition);
        return;
      case 'switch-flow': {
        const subflow = runtime.program.subflows?.[transition.flowId];
        if (!subflow) {
          transition = { kind: 'end', reason: `flow ${transition.flowId} is not available`, hangup: true, result: 'failed' };
          break;
        }
        runtime.trace({ type: 'flow.switched', toFlowId: transition.flowId });
        runtime.state.flowId = transition.flowId;
        transition = enter(runtime, subflow.entry);
        break;
      }
      case 'exit': {
        const step = currentStep(runtime);
        const target = step?.exits[transition.port] ?? null;
        runtime.trace({ type: 'node.exited', port: transition.port, target });
        if (runtime.state.callerHungUp) {
          transition = { kind: 'end', reason: 'caller hung up', hangup: false };
        } else if (target === null) {
          transition = { kind: 'end', reason: `nothing is connected to “${transition.port}”`, hangup: true };
        } else {
          transition = enter(runtime, target);
        }
        break;
      }
    }
  }
}

/** Ends the call as failed, letting go first of what it holds (agent legs ringing or in conversation, its place in a queue). */
function fail(runtime: Runtime, reason: string): void {
  const current = currentStep(runtime);
  if (current) executorFor(current).release?.(runtime, current, runtime.state.phase ?? {});
  finish(runtime, { kind: 'end', reason, hangup: true, result: 'failed' });
}

/**
 * The interpreter: given the program, the call's state and one input, the next state, the commands for the
 * host and the trace. Pure and deterministic: time and ids come from the input and the state.
 */
export function step(program: RunnableProgram, state: CallState, input: EngineInput): StepResult {
  const runtime = new Runtime(program, JSON.parse(JSON.stringify(state)) as CallState, input);
  const { state: next } = runtime;
  if (next.status === 'ended') return runtime.result();
  if (input.type === 'call.failed') {
    fail(runtime, input.reason);
    return runtime.result();
  }
  if (next.status === 'new') {
    if (input.type !== 'call.started') return runtime.result();
    next.status = 'running';
    next.call = { ...input.call, startedAt: input.at };
    next.vars = Object.fromEntries(Object.entries(program.variables).map(([name, value]) => [name, value]));
    advance(runtime, enter(runtime, program.entry));
    return runtime.result();
  }
  const current = currentStep(runtime);
  if (!current) return runtime.result();
  const executor = executorFor(current);
  const phase = next.phase ?? {};
  if (input.type === 'call.hangup') {
    if (next.callerHungUp) return runtime.result();
    next.callerHungUp = true;
    executor.release?.(runtime, current, phase);
    advance(runtime, executor.hangup ? executor.hangup(runtime, current, phase) : { kind: 'end', reason: 'caller hung up', hangup: false });
    return runtime.result();
  }
  const transition = executor.resume(runtime, current, phase, input);
  if (transition) advance(runtime, transition);
  return runtime.result();
}
