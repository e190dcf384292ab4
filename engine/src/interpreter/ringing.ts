import type { Runtime } from './runtime';
import type { DialPlan, DialTarget, EngineInput, InputOf } from './types';

export interface RingLeg {
  legId: string;
  label: string;
  agentId: string | null;
  answered: boolean;
  ended: boolean;
}

/** Ringing agents attempt by attempt, then the one connected conversation. Plain data, kept in a step's phase. */
export interface Ringing {
  attempts: DialPlan['attempts'];
  attemptIndex: number;
  legs: RingLeg[];
  timerId: string | null;
  connectedLegId: string | null;
}

/** `connected`: an agent answered and the bridge was asked for; `bridged`: the carrier confirmed it. */
export type RingProgress = 'ringing' | 'connected' | 'bridged' | 'no-answer' | 'conversation-ended';

function dialAll(runtime: Runtime, targets: DialTarget[], timeoutSecs: number): RingLeg[] {
  const callerNumber = runtime.state.call?.from ?? '';
  const legs = targets.map((target) => {
    const legId = runtime.nextId('leg');
    runtime.emit({ type: 'dial', legId, target, timeoutSecs, callerNumber });
    return { legId, label: target.label, agentId: target.agentId, answered: false, ended: false };
  });
  runtime.trace({
    type: 'agents.rung',
    targets: targets.map((target) => target.label),
    legs: legs.map(({ legId, agentId }) => ({ legId, agentId })),
    timeoutSecs,
  });
  return legs;
}

/** Starts the first attempt that has anyone to ring; `no-answer` when none is left. */
export function startRinging(runtime: Runtime, plan: DialPlan, fromAttempt = 0): { ringing: Ringing; progress: RingProgress } {
  if (fromAttempt === 0 && plan.skipped.length > 0) runtime.trace({ type: 'agents.skipped', agents: plan.skipped });
  for (let index = fromAttempt; index < plan.attempts.length; index += 1) {
    const attempt = plan.attempts[index];
    if (!attempt || attempt.targets.length === 0) continue;
    const legs = dialAll(runtime, attempt.targets, attempt.timeoutSecs);
    const timerId = runtime.startTimer(attempt.timeoutSecs);
    return { ringing: { attempts: plan.attempts, attemptIndex: index, legs, timerId, connectedLegId: null }, progress: 'ringing' };
  }
  return {
    ringing: { attempts: plan.attempts, attemptIndex: plan.attempts.length, legs: [], timerId: null, connectedLegId: null },
    progress: 'no-answer',
  };
}

function hangUpRinging(runtime: Runtime, ringing: Ringing, except: string | null): RingLeg[] {
  return ringing.legs.map((leg) => {
    if (leg.ended || leg.legId === except) return leg;
    runtime.emit({ type: 'hangup-leg', legId: leg.legId });
    return { ...leg, ended: true };
  });
}

function cancelTimer(runtime: Runtime, ringing: Ringing): void {
  if (ringing.timerId) runtime.emit({ type: 'cancel-timer', timerId: ringing.timerId });
}

/**
 * Blind transfer: the agent in conversation leaves (the engine hangs up their leg; the caller's leg stays, parked after
 * the bridge) and the transfer's plan rings as any ring attempt does. Their leg ending later concerns nobody.
 */
function transfer(runtime: Runtime, ringing: Ringing, input: InputOf<'transfer.requested'>): { ringing: Ringing; progress: RingProgress } {
  const leg = ringing.legs.find((candidate) => candidate.legId === input.legId);
  runtime.emit({ type: 'hangup-leg', legId: input.legId });
  runtime.trace({ type: 'agent.transferred', target: leg?.label ?? '', agentId: leg?.agentId ?? null, extension: input.extension });
  return startRinging(runtime, input.plan);
}

/** Advances ringing with one input; null when the input concerns none of these legs. */
export function continueRinging(
  runtime: Runtime,
  ringing: Ringing,
  input: EngineInput,
): { ringing: Ringing; progress: RingProgress } | null {
  if (ringing.connectedLegId) {
    if (input.type === 'transfer.requested' && input.legId === ringing.connectedLegId) return transfer(runtime, ringing, input);
    if (input.type === 'leg.bridged' && input.legId === ringing.connectedLegId) {
      // Only now is the call answered: an agent who answers and is gone before the bridge served nobody.
      runtime.state.disposition = 'answered';
      return { ringing, progress: 'bridged' };
    }
    if (input.type !== 'leg.ended' || input.legId !== ringing.connectedLegId) return null;
    const legs = ringing.legs.map((leg) => (leg.legId === input.legId ? { ...leg, ended: true } : leg));
    return { ringing: { ...ringing, legs }, progress: 'conversation-ended' };
  }
  if (input.type === 'timer.fired' && input.timerId === ringing.timerId) {
    for (const leg of ringing.legs.filter((candidate) => !candidate.ended)) {
      runtime.trace({ type: 'agent.missed', target: leg.label, cause: 'ring timeout', agentId: leg.agentId });
    }
    hangUpRinging(runtime, ringing, null);
    return startRinging(runtime, { attempts: ringing.attempts, skipped: [] }, ringing.attemptIndex + 1);
  }
  if (input.type !== 'leg.answered' && input.type !== 'leg.ended') return null;
  const leg = ringing.legs.find((candidate) => candidate.legId === input.legId);
  if (!leg || leg.ended) return null;
  if (input.type === 'leg.answered') {
    cancelTimer(runtime, ringing);
    const legs = hangUpRinging(runtime, ringing, leg.legId).map((candidate) =>
      candidate.legId === leg.legId ? { ...candidate, answered: true } : candidate,
    );
    runtime.emit({ type: 'bridge', legId: leg.legId });
    runtime.trace({ type: 'agent.answered', target: leg.label, agentId: leg.agentId });
    return { ringing: { ...ringing, legs, timerId: null, connectedLegId: leg.legId }, progress: 'connected' };
  }
  runtime.trace({ type: 'agent.missed', target: leg.label, cause: input.cause, agentId: leg.agentId });
  const legs = ringing.legs.map((candidate) => (candidate.legId === leg.legId ? { ...candidate, ended: true } : candidate));
  if (legs.some((candidate) => !candidate.ended)) return { ringing: { ...ringing, legs }, progress: 'ringing' };
  cancelTimer(runtime, ringing);
  return startRinging(runtime, { attempts: ringing.attempts, skipped: [] }, ringing.attemptIndex + 1);
}

/** Hangs up every leg still up (the caller left, or the node gave up). */
export function releaseLegs(runtime: Runtime, ringing: Ringing): void {
  cancelTimer(runtime, ringing);
  hangUpRinging(runtime, ringing, null);
}
