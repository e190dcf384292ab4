import type { PlaceCallRequest, SandboxCarrier, TimelineEntryView } from '../../src/sandbox';
import { agent, seedDirectory, seedNumberWithFlow } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { flowDocument, tts } from './call-stack';
import type { CallOutcome } from './multi-instance-stack';

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

/**
 * The commands the carrier carried out for a call (its timeline: caller and dialled legs), as "action whom", sorted:
 * what two runs of the same caller must agree on, whatever order concurrent legs were served in.
 */
export function carriedOut(timeline: TimelineEntryView[], sandbox: SandboxCarrier): string[] {
  const addresses = new Map(sandbox.listCalls().flatMap((leg) => (leg.direction === 'outgoing' ? [[leg.callControlId, leg.to] as const] : [])));
  return timeline
    .flatMap((entry) => {
      if (entry.kind !== 'command' || entry.result !== 'ok') return [];
      if (entry.action === 'dial') return [`dial ${(entry.body as { to: string }).to}`];
      return [`${entry.action} ${addresses.get(entry.callControlId) ?? 'caller'}`];
    })
    .sort();
}

/** Commands whose command_id the carrier had already carried out: a repeat (retried activity) it answered and ignored. */
export function ignoredRepeats(timeline: TimelineEntryView[]): number {
  return timeline.filter((entry) => entry.kind === 'command' && entry.result === 'duplicate').length;
}

/** Command ids the carrier carried out more than once: must be none. */
export function commandIdsCarriedOutTwice(timeline: TimelineEntryView[]): string[] {
  const ids = timeline.flatMap((entry) => (entry.kind === 'command' && entry.result === 'ok' && entry.commandId !== null ? [entry.commandId] : []));
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}
