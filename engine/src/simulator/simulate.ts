import type { DirectorySnapshot, RoutingMemory } from '@callflow/schemas';
import { effectiveQueueSettings, resolveLookup } from '../interpreter/lookups';
import { initialCallState, step } from '../interpreter/step';
import type {
  CallOutcome,
  CallState,
  Command,
  CommandOf,
  EngineEvent,
  EngineInput,
  HttpResponse,
  RunnableProgram,
  TraceEvent,
} from '../interpreter/types';

/** What the simulated caller does each time the flow listens: press keys, stay silent, or hang up. */
export type CallerAction = { type: 'press'; digits: string } | { type: 'silence' } | { type: 'hangup' };

/** How a simulated agent's phone behaves when it rings. */
export type AgentBehaviour = 'answer' | 'decline' | 'no-answer';

export interface SimulationOptions {
  /** Start of the call, epoch ms. */
  at: number;
  from: string;
  to: string;
  directory: DirectorySnapshot;
  script: CallerAction[];
  /** The caller hangs up as soon as the call reaches this node. */
  hangUpAtNode?: string;
  /** Per agent id; agents not listed answer. */
  agents?: Record<string, AgentBehaviour>;
  /** Answers for HTTP request nodes; without one a request fails. An error "timeout" arrives after the node's timeout. */
  http?: (request: CommandOf<'http-request'>) => HttpResponse;
  smsDelivered?: boolean;
  transferAnswered?: boolean;
  /** Seconds an answered agent talks before hanging up. */
  conversationSecs?: number;
  /** Seconds after joining a queue before a member who is available gets the caller; null: nobody comes. */
  queueAgentAfterSecs?: number | null;
  memory?: RoutingMemory;
  seed?: number;
  /** Safety limit on simulated time. */
  maxDurationSecs?: number;
}

export interface SimulationResult {
  events: TraceEvent[];
  commands: { at: number; command: Command }[];
  outcome: CallOutcome | null;
  state: CallState;
  memory: RoutingMemory;
  /** Set when the call neither ended nor had anything left to wait for. */
  stalled: string | null;
}

const SECOND = 1000;

/** Rough speaking time of text-to-speech: about 2.5 words a second, plus a lead-in. */
export function speakingTimeMs(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.round(500 + (words / 2.5) * SECOND);
}

interface Pending {
  at: number;
  order: number;
  input: EngineInput;
  /** Legs and timers can be called off; their pending events are then dropped. */
  key: string | null;
}

/**
 * Runs a program against a scripted caller on a virtual clock, answering the interpreter's commands the way the
 * carrier, the directory and agents would. Deterministic for the same options.
 */
export function simulate(program: RunnableProgram, options: SimulationOptions): SimulationResult {
  const script = [...options.script];
  const agentBehaviour = options.agents ?? {};
  const conversationMs = (options.conversationSecs ?? 60) * SECOND;
  const deadline = options.at + (options.maxDurationSecs ?? 4 * 3600) * SECOND;
  let memory: RoutingMemory = options.memory ?? { lastAgentIdByGroup: {} };
  let state = initialCallState(program);
  let order = 0;
  let clock = options.at;
  const pending: Pending[] = [];
  const cancelled = new Set<string>();
  const events: TraceEvent[] = [];
  const commands: { at: number; command: Command }[] = [];

  const schedule = (delayMs: number, input: EngineEvent, key: string | null = null) => {
    pending.push({ at: clock + delayMs, order: order++, input: { ...input, at: clock + delayMs }, key });
  };
  const callerHangsUp = (delayMs: number) => schedule(delayMs, { type: 'call.hangup', cause: 'normal_clearing' });

  const respond = (command: Command) => {
    switch (command.type) {
      case 'answer':
        schedule(200, { type: 'call.answered' });
        return;
      case 'play':
        schedule(command.prompt.type === 'tts' ? speakingTimeMs(command.prompt.text) : 5 * SECOND, {
          type: 'prompt.ended',
          promptId: command.promptId,
          status: 'completed',
        });
        return;
      case 'gather': {
        const promptMs = command.prompt.type === 'tts' ? speakingTimeMs(command.prompt.text) : 5 * SECOND;
        const action = script.shift() ?? { type: 'hangup' };
        if (action.type === 'hangup') return callerHangsUp(promptMs);
        if (action.type === 'silence') {
          return schedule(promptMs + command.timeoutSecs * SECOND, { type: 'gather.ended', gatherId: command.gatherId, digits: '', status: 'timeout' });
        }
        const valid = [...action.digits].every((digit) => command.validDigits.includes(digit) || digit === command.terminator);
        return schedule(promptMs + action.digits.length * 500, {
          type: 'gather.ended',
          gatherId: command.gatherId,
          digits: action.digits,
          status: valid ? 'valid' : 'invalid',
        });
      }
      case 'start-timer':
        schedule(command.seconds * SECOND, { type: 'timer.fired', timerId: command.timerId }, command.timerId);
        return;
      case 'cancel-timer':
        cancelled.add(command.timerId);
        return;
      case 'lookup': {
        const resolved = resolveLookup(command.request, { directory: options.directory, memory, at: clock, seed: options.seed ?? 1 });
        memory = resolved.memory;
        schedule(0, { type: 'lookup.completed', requestId: command.requestId, result: resolved.result });
        return;
      }
      case 'http-request': {
        const response: HttpResponse = options.http ? options.http(command) : { ok: false, error: 'no HTTP response scripted' };
        const delayMs = !response.ok && response.error === 'timeout' ? command.timeoutSecs * SECOND : 300;
        schedule(delayMs, { type: 'http.completed', requestId: command.requestId, response });
        return;
      }
      case 'dial': {
        const behaviour = command.target.agentId ? agentBehaviour[command.target.agentId] ?? 'answer' : 'answer';
        if (behaviour === 'answer') schedule(3 * SECOND, { type: 'leg.answered', legId: command.legId }, command.legId);
        if (behaviour === 'decline') schedule(2 * SECOND, { type: 'leg.ended', legId: command.legId, cause: 'call_rejected' }, command.legId);
        return;
      }
      case 'bridge':
        schedule(0, { type: 'leg.bridged', legId: command.legId }, command.legId);
        schedule(conversationMs, { type: 'leg.ended', legId: command.legId, cause: 'normal_clearing' }, command.legId);
        return;
      case 'hangup-leg':
        cancelled.add(command.legId);
        return;
      case 'transfer':
        schedule(5 * SECOND, { type: 'transfer.completed', answered: options.transferAnswered ?? true, cause: 'normal_clearing' });
        return;
      case 'enqueue': {
        const queue = options.directory.queues.find((candidate) => candidate.id === command.queueId);
        if (!queue) return schedule(0, { type: 'queue.rejected', reason: 'unknown-queue' });
        schedule(0, {
          type: 'queue.joined',
          position: 1,
          expectedWaitSecs: options.queueAgentAfterSecs ?? null,
          settings: effectiveQueueSettings(queue, command.overrides),
        });
        const agent = options.directory.agents.find((candidate) => queue.members.includes(candidate.id) && candidate.presence === 'available');
        if (agent && options.queueAgentAfterSecs !== null) {
          schedule((options.queueAgentAfterSecs ?? 30) * SECOND, {
            type: 'queue.agent-assigned',
            assignmentId: `assignment-${order}`,
            target: { label: `${agent.name} (${agent.extension})`, agentId: agent.id, address: agent.endpoint },
            timeoutSecs: queue.agentRingTimeoutSecs,
          }, `queue:${queue.id}`);
        }
        const action = script[0];
        if (action?.type === 'press') {
          script.shift();
          [...action.digits].forEach((digit, index) => schedule((10 + index) * SECOND, { type: 'dtmf', digit }));
        } else if (action?.type === 'hangup') {
          script.shift();
          callerHangsUp(20 * SECOND);
        }
        return;
      }
      case 'leave-queue':
        cancelled.add(`queue:${command.queueId}`);
        return;
      case 'record-voicemail': {
        const hangsUp = script[0]?.type === 'hangup';
        if (hangsUp) script.shift();
        const messageSecs = Math.min(command.maxLengthSecs, 12);
        if (hangsUp) callerHangsUp(messageSecs * SECOND);
        schedule((messageSecs + 1) * SECOND, {
          type: 'recording.saved',
          recording: 'voicemail',
          url: `https://sandbox.invalid/recordings/${state.call?.callId ?? 'call'}-${order}.mp3`,
          durationSecs: messageSecs,
        });
        return;
      }
      case 'send-sms':
        schedule(200, { type: 'sms.completed', requestId: command.requestId, ok: options.smsDelivered ?? true });
        return;
      case 'stop-playback':
      case 'start-hold-music':
      case 'report-queue-offer':
      case 'release-queue-agent':
      case 'schedule-callback':
      case 'start-recording':
      case 'stop-recording':
      case 'save-voicemail':
      case 'hangup':
        return;
    }
  };

  const apply = (input: EngineInput) => {
    const before = state.stepId;
    const result = step(program, state, input);
    state = result.state;
    events.push(...result.events);
    for (const command of result.commands) {
      commands.push({ at: clock, command });
      respond(command);
    }
    if (options.hangUpAtNode && state.status === 'running' && state.stepId === options.hangUpAtNode && before !== state.stepId) {
      callerHangsUp(0);
    }
  };

  apply({ type: 'call.started', at: clock, call: { callId: 'simulated-call', from: options.from, to: options.to } });
  let stalled: string | null = null;
  while (state.status !== 'ended') {
    pending.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = pending.shift();
    if (!next) {
      stalled = `nothing left to wait for at node ${state.stepId ?? '(none)'}`;
      break;
    }
    if (next.key && cancelled.has(next.key)) continue;
    if (next.at > deadline) {
      stalled = `the call was still running after ${options.maxDurationSecs ?? 4 * 3600} simulated seconds`;
      break;
    }
    clock = next.at;
    apply(next.input);
  }
  return { events, commands, outcome: state.outcome, state, memory, stalled };
}
