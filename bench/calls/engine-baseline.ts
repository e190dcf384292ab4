import { performance } from 'node:perf_hooks';
import { initialCallState, resolveLookup, step, type CallState, type Command, type EngineEvent, type EngineInput } from '@callflow/engine';
import type { DirectorySnapshot, Program, RoutingMemory } from '@callflow/schemas';
import { distribution, type Distribution } from './metrics';

export interface EngineBaseline {
  stepsPerCall: number;
  calls: number;
  steps: number;
  elapsedMs: number;
  /** Steps per second of the whole loop: step() plus the scripted carrier, caller, agents and directory look-ups. */
  stepsPerSecond: number;
  /** Time of one step() call, in microseconds. */
  stepLatencyUs: Distribution;
}

interface Scripted {
  digit: string;
  expectedNode: string;
}

/**
 * The benchmark's call driven through the engine in this process, on the program the stack runs: the same events
 * the workflow feeds the interpreter (answered, prompt ended, digits, look-up result from the same directory,
 * agent answered, agent hung up, caller hung up by the flow), with no Temporal, HTTP or database in between.
 */
export function measureEngine(program: Program, directory: DirectorySnapshot, callers: Scripted[], durationMs = 2_000): EngineBaseline {
  const timings: number[] = [];
  const memory: { current: RoutingMemory } = { current: { lastAgentIdByGroup: {} } };
  let at = Date.UTC(2026, 2, 10, 15, 0, 0);

  const runCall = (n: number, record: boolean): number => {
    const caller = callers[n % callers.length]!;
    const inbox: EngineEvent[] = [];
    let dialled = 0;
    const reply = (command: Command): void => {
      switch (command.type) {
        case 'answer':
          inbox.push({ type: 'call.answered' });
          return;
        case 'play':
          inbox.push({ type: 'prompt.ended', promptId: command.promptId, status: 'completed' });
          return;
        case 'gather':
          inbox.push({ type: 'gather.ended', gatherId: command.gatherId, digits: caller.digit, status: 'valid' });
          return;
        case 'lookup': {
          const resolved = resolveLookup(command.request, { directory, memory: memory.current, at, seed: n });
          memory.current = resolved.memory;
          inbox.push({ type: 'lookup.completed', requestId: command.requestId, result: resolved.result });
          return;
        }
        case 'dial':
          // The first member answers; the other keeps ringing until the flow hangs it up.
          if (dialled++ === 0) inbox.push({ type: 'leg.answered', legId: command.legId });
          return;
        case 'bridge':
          // The carrier bridges, then the conversation: the agent hangs up, the caller is parked again.
          inbox.push({ type: 'leg.bridged', legId: command.legId }, { type: 'leg.ended', legId: command.legId, cause: 'normal_clearing' });
          return;
        case 'hangup':
          inbox.push({ type: 'call.hangup', cause: 'normal_clearing' });
          return;
        default:
          return;
      }
    };
    let state: CallState = initialCallState(program);
    let input: EngineInput = { type: 'call.started', at, call: { callId: `engine-${n}`, from: '+12125550100', to: '+14155550100' } };
    let steps = 0;
    for (;;) {
      const started = performance.now();
      const result = step(program, state, input);
      const took = performance.now() - started;
      if (record) timings.push(took * 1000);
      steps += 1;
      state = result.state;
      result.commands.forEach(reply);
      const next = inbox.shift();
      if (state.status === 'ended' || next === undefined) break;
      at += 1_000;
      input = { ...next, at } as EngineInput;
    }
    if (state.status !== 'ended' || state.outcome?.result !== 'answered' || state.outcome.node !== caller.expectedNode) {
      throw new Error(
        `The engine did not run the benchmark call through (caller pressing ${caller.digit}): it stopped at ${state.stepId ?? '(none)'} ` +
          `with ${JSON.stringify(state.outcome)}`,
      );
    }
    return steps;
  };

  for (let warmUp = 0; warmUp < 200; warmUp += 1) runCall(warmUp, false);
  let steps = 0;
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    steps += runCall(calls, true);
    calls += 1;
  }
  const elapsedMs = performance.now() - started;
  return {
    stepsPerCall: Math.round(steps / calls),
    calls,
    steps,
    elapsedMs: Math.round(elapsedMs),
    stepsPerSecond: Math.round((steps / elapsedMs) * 1000),
    stepLatencyUs: distribution(timings, 2),
  };
}
