import type { DirectorySnapshot } from '@callflow/schemas';
import { FLOW_FORMAT } from '@callflow/schemas';
import type { EndpointBehaviourInput, PlaceCallRequest } from '../../api/src/sandbox';
import { agent } from '../../api/test/support/seed';

/*
 * The benchmark's call: a menu (press 1 for sales, 2 for support) in front of two ring groups. Each group rings
 * two agents at once; the first answers after 2 s and talks for `talkSecs` before hanging up, the second would
 * answer after 6 s and is cancelled when the first answers. After the conversation the flow hangs up.
 */

export const MENU_PROMPT = 'Thanks for calling Rapid Rooter Plumbing. For sales press 1, for support press 2.';

const GROUPS = [
  { id: 'sales', digit: '1', answers: 'ann', backup: 'bob' },
  { id: 'support', digit: '2', answers: 'cy', backup: 'di' },
] as const;

export type GroupId = (typeof GROUPS)[number]['id'];

const tts = (text: string) => ({ type: 'tts', text });

/** The flow document published for the benchmark number. */
export function benchFlowDocument(): unknown {
  const nodes = [
    { id: 'start', kind: 'entry', config: {} },
    {
      id: 'menu',
      kind: 'menu',
      config: { prompt: tts(MENU_PROMPT), options: GROUPS.map((group) => ({ digit: group.digit, label: group.id })), timeoutSecs: 5 },
    },
    ...GROUPS.map((group) => ({
      id: group.id,
      kind: 'ring-group',
      config: { target: { type: 'group', ringGroupId: group.id }, announce: tts(`Connecting you to ${group.id}.`) },
    })),
    { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody is available right now. Please call again later.') } },
    { id: 'bye', kind: 'hang-up', config: { goodbye: tts('Goodbye.') } },
  ];
  const edges = [
    ['start', 'next', 'menu'],
    ...GROUPS.flatMap((group) => [
      ['menu', group.digit, group.id],
      [group.id, 'noAnswer', 'sorry'],
    ]),
    ['menu', 'noMatch', 'sorry'],
    ['menu', 'timeout', 'sorry'],
    ['sorry', 'next', 'bye'],
  ];
  return {
    format: FLOW_FORMAT,
    metadata: { name: 'Benchmark: menu and ring groups', timeZone: 'America/New_York' },
    variables: [],
    nodes: nodes.map((node, index) => ({ version: 1, label: node.id, position: { x: index * 220, y: 0 }, ...node })),
    edges: edges.map(([source, sourcePort, target], index) => ({ id: `e${index}`, source, sourcePort, target })),
  };
}

export function benchDirectory(): Pick<DirectorySnapshot, 'agents' | 'ringGroups'> {
  const agentIds = GROUPS.flatMap((group) => [group.answers, group.backup]);
  return {
    agents: agentIds.map((id, index) => agent(`bench-${id}`, String(300 + index), { maxConcurrentCalls: 10_000 })),
    ringGroups: GROUPS.map((group) => ({
      id: group.id,
      name: group.id,
      members: [
        { agentId: `bench-${group.answers}`, priority: 1 },
        { agentId: `bench-${group.backup}`, priority: 2 },
      ],
      strategy: 'simultaneous' as const,
      ringTimeoutSecs: 30,
    })),
  };
}

/** Sandbox endpoint behaviour of every agent, by dialled address. */
export function agentEndpoints(talkSecs: number): Array<[string, EndpointBehaviourInput]> {
  return GROUPS.flatMap((group): Array<[string, EndpointBehaviourInput]> => [
    [sandboxAddress(`bench-${group.answers}`), { answer: 'after', afterSecs: 2, talkSecs }],
    [sandboxAddress(`bench-${group.backup}`), { answer: 'after', afterSecs: 6, talkSecs }],
  ]);
}

export function sandboxAddress(agentId: string): string {
  return `sip:${agentId}@sandbox.callflow.test`;
}

/** The key the n-th caller presses: alternately sales and support. */
export function callerDigit(n: number): string {
  return GROUPS[n % GROUPS.length]!.digit;
}

/** The n-th caller, from a number of its own. */
export function callerRequest(n: number, to: string): PlaceCallRequest {
  return { from: `+1212${String(5_000_000 + (n % 4_000_000)).padStart(7, '0')}`, to, script: [{ press: callerDigit(n) }] };
}

/** A call of the scenario ends here when everything worked: the agent answered at the group the caller chose. */
export function expectedOutcome(n: number): { result: 'answered'; node: GroupId } {
  return { result: 'answered', node: GROUPS[n % GROUPS.length]!.id };
}

/**
 * Steps of the call, as the sandbox sees them: a webhook that makes the flow send its next command, and the
 * command that follows. Other webhooks (speak started, dtmf, bridged, hang-ups) make the flow send nothing.
 */
export const STEP_TRIGGERS: ReadonlyArray<{
  leg: 'caller' | 'agent';
  type: string;
  next: readonly string[];
  /** Only when the same leg sent this webhook earlier. */
  after?: string;
}> = [
  { leg: 'caller', type: 'call.answered', next: ['gather_using_speak'] },
  { leg: 'caller', type: 'call.gather.ended', next: ['speak'] },
  // The announcement ended: the flow looks up the group (an activity calling the API) and dials its members.
  { leg: 'caller', type: 'call.speak.ended', next: ['dial'] },
  // The first agent to answer is bridged to the caller; the other leg is hung up.
  { leg: 'agent', type: 'call.answered', next: ['bridge', 'hangup'] },
  // The agent who talked hangs up: the caller is parked and the flow, whose "answered" branch is unconnected, hangs up.
  { leg: 'agent', type: 'call.hangup', after: 'call.bridged', next: ['hangup'] },
];
