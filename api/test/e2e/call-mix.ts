import type { TraceEvent } from '@callflow/engine';
import { callWorkflowId } from '@callflow/workflows';
import type { PlaceCallRequest, SandboxCarrier, TimelineEntryView } from '../../src/sandbox';
import { agent, seedDirectory, seedNumberWithFlow } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { LoadDriver } from './call-load';
import { flowDocument, tts } from './call-stack';
import type { CallOutcome, MultiInstanceStack } from './multi-instance-stack';
import { withoutTimes } from './resilience-stack';

/*
 * The calls the multi-instance and chaos tests run: a menu in front of two ring groups. Each kind of caller ends in one
 * outcome whatever the timing, so a call's outcome, call log and carrier commands can be compared with a clean run's.
 * Ring timeouts are Temporal timers (real seconds) far longer than any test: only the simulated parties end a call.
 */

/** `sales`: Ann answers and is bridged, the caller hangs up after a while; `office`: Carl declines, "sorry", hang-up; `silence`: the menu times out. */
export const CALL_KINDS = ['sales', 'office', 'silence'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const EXPECTED_OUTCOMES: Record<CallKind, CallOutcome> = {
  sales: { result: 'answered', node: 'sales' },
  office: { result: 'completed', node: 'bye' },
  silence: { result: 'completed', node: 'bye' },
};

const phone = (agentId: string) => `sip:${agentId}@sandbox.callflow.test`;

/** Seeds the agents, ring groups and the published flow on a new number; sets the agents' phones in the sandbox. */
export async function seedCallMix(app: Pick<TestApp, 'get'>, tenantId: string, sandbox: SandboxCarrier): Promise<string> {
  // Many calls at once: nobody is ever "busy" here, so routing does not depend on which calls overlap.
  const many = { maxConcurrentCalls: 10_000 };
  await seedDirectory(app, tenantId, {
    agents: [agent('ann', '201', many), agent('bob', '202', many), agent('carl', '203', many)],
    ringGroups: [
      { id: 'sales', name: 'Sales', members: [{ agentId: 'ann', priority: 1 }, { agentId: 'bob', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 300 },
      { id: 'office', name: 'Office', members: [{ agentId: 'carl', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 300 },
    ],
  });
  // Ann stays on the line until the caller hangs up; Bob's phone rings until the call is answered elsewhere.
  sandbox.setEndpoint(phone('ann'), { answer: 'after', afterSecs: 1, talkSecs: null });
  sandbox.setEndpoint(phone('bob'), { answer: 'never' });
  sandbox.setEndpoint(phone('carl'), { answer: 'decline', afterSecs: 1 });
  const { number } = await seedNumberWithFlow(
    app,
    tenantId,
    flowDocument(
      [
        { id: 'start', kind: 'entry' },
        {
          id: 'menu',
          kind: 'menu',
          config: { prompt: tts('For sales press 1, for the office press 2.'), options: [{ digit: '1', label: 'Sales' }, { digit: '2', label: 'Office' }], timeoutSecs: 5, maxAttempts: 1 },
        },
        { id: 'sales', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'sales' } } },
        { id: 'office', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'office' } } },
        { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody can take your call right now.') } },
        { id: 'bye', kind: 'hang-up' },
      ],
      ['start.next -> menu', 'menu.1 -> sales', 'menu.2 -> office', 'menu.timeout -> sorry', 'sales.noAnswer -> sorry', 'office.noAnswer -> sorry', 'sorry.next -> bye'],
    ),
  );
  return number;
}

/** The n-th caller of a run: kinds in turn, each from a number of its own. `talkSecs`: simulated seconds a sales call stays bridged. */
export function callMixCaller(n: number, to: string, talkSecs: number): { kind: CallKind; request: PlaceCallRequest } {
  const kind = CALL_KINDS[n % CALL_KINDS.length] as CallKind;
  const from = `+1646${String(5_550_000 + n).padStart(7, '0')}`;
  const scripts: Record<CallKind, Pick<PlaceCallRequest, 'script' | 'hangUpAtEvent'>> = {
    sales: { script: [{ press: '1' }], hangUpAtEvent: { type: 'call.bridged', afterSecs: talkSecs } },
    office: { script: [{ press: '2' }] },
    silence: { script: [] },
  };
  return { kind, request: { from, to, ...scripts[kind] } };
}

export interface PlacedCaller {
  kind: CallKind;
  callSessionId: string;
  workflowId: string;
}

/**
 * Keeps `concurrency` callers of the mix (numbered from `first`) on the line until `maxCalls` were placed or `disrupt`
 * is done, whichever comes first; returns every call placed, once all have ended (or the drain gave up on them).
 */
export async function runCallers(
  sandbox: SandboxCarrier,
  to: string,
  options: { first: number; concurrency: number; talkSecs: number; maxCalls?: number; disrupt?: (load: LoadDriver) => Promise<void> },
): Promise<PlacedCaller[]> {
  const { first, concurrency, talkSecs, maxCalls, disrupt } = options;
  const load = new LoadDriver(sandbox, (n) => callMixCaller(first + n, to, talkSecs).request, {
    concurrency,
    rampMs: 2000,
    durationMs: 600_000,
    drainTimeoutMs: 180_000,
    ...(maxCalls === undefined ? {} : { maxCalls }),
  });
  const running = load.run();
  if (disrupt) {
    try {
      await disrupt(load);
    } finally {
      load.stop();
    }
  }
  await running;
  return load.calls.map((call) => ({
    kind: callMixCaller(first + call.n, to, talkSecs).kind,
    callSessionId: call.ids.callSessionId,
    workflowId: callWorkflowId(call.ids.callSessionId),
  }));
}

/** What a call did, as two runs of the same caller must agree on it. */
export interface CallSummary {
  outcome: CallOutcome | undefined;
  /** The call log's steps without their instants, up to where the call ended. */
  path: unknown[];
  /** The commands the carrier carried out for the call (caller and dialled legs), as "action whom", sorted. */
  commands: string[];
}

export async function recordOf(stack: MultiInstanceStack, callSessionId: string): Promise<CallSummary> {
  const steps = await stack.steps(callSessionId);
  return {
    outcome: (await stack.outcomes([callSessionId])).get(callSessionId),
    path: callPath(steps),
    commands: carriedOut(stack.timeline(callSessionId), stack.sandbox),
  };
}

/** One clean call of each kind, one after another, each ending as its kind should: the reference every other call of the kind is held to. */
export async function cleanReferences(stack: MultiInstanceStack, to: string, talkSecs: number): Promise<Map<CallKind, CallSummary>> {
  const reference = new Map<CallKind, CallSummary>();
  for (const [n, kind] of CALL_KINDS.entries()) {
    const call = stack.placeCall(callMixCaller(n, to, talkSecs).request);
    await stack.allOutcomes([call.callSessionId]);
    const summary = await recordOf(stack, call.callSessionId);
    expect({ kind, outcome: summary.outcome }).toEqual({ kind, outcome: EXPECTED_OUTCOMES[kind] });
    reference.set(kind, summary);
  }
  return reference;
}

/**
 * Every call ended as the clean reference call of its kind did (outcome, call log path, commands carried out), and the
 * carrier carried out no command id twice.
 */
export async function expectAsInCleanRun(stack: MultiInstanceStack, calls: PlacedCaller[], reference: Map<CallKind, CallSummary>): Promise<void> {
  await stack.allOutcomes(calls.map((call) => call.callSessionId));
  for (const call of calls) {
    const summary = await recordOf(stack, call.callSessionId);
    expect({ kind: call.kind, summary }).toEqual({ kind: call.kind, summary: reference.get(call.kind) });
    expect(commandIdsCarriedOutTwice(stack.timeline(call.callSessionId))).toEqual([]);
  }
}

/**
 * The steps without their instants, up to where the call ended (the outcome is compared on its own). How a bridged call
 * ends is a race in any run: the caller's hangup and the agent's leg, which the carrier hangs up with it, reach the
 * workflow in either order ("caller hung up", or the agent's side ended first and the flow went on from "answered").
 */
function callPath(steps: TraceEvent[]): unknown[] {
  return withoutTimes(steps.filter((step) => step.type !== 'node.exited' && step.type !== 'call.ended'));
}

function carriedOut(timeline: TimelineEntryView[], sandbox: SandboxCarrier): string[] {
  const addresses = new Map(sandbox.listCalls().flatMap((leg) => (leg.direction === 'outgoing' ? [[leg.callControlId, leg.to] as const] : [])));
  return timeline
    .flatMap((entry) => {
      if (entry.kind !== 'command' || entry.result !== 'ok') return [];
      if (entry.action === 'dial') return [`dial ${(entry.body as { to: string }).to}`];
      return [`${entry.action} ${addresses.get(entry.callControlId) ?? 'caller'}`];
    })
    .sort();
}

/** Command ids the carrier carried out more than once (a repeat it recognised is answered and ignored, not carried out). */
function commandIdsCarriedOutTwice(timeline: TimelineEntryView[]): string[] {
  const ids = timeline.flatMap((entry) => (entry.kind === 'command' && entry.result === 'ok' && entry.commandId !== null ? [entry.commandId] : []));
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}
