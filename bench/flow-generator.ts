import { DirectorySnapshotSchema, FLOW_FORMAT, type DirectorySnapshot } from '@callflow/schemas';

/** A flow document as authored (configs in input form, defaults left out). */
export interface GeneratedFlow {
  format: string;
  metadata: { name: string; timeZone: string };
  variables: { name: string; type: 'string' | 'number' | 'boolean'; initial: string | number | boolean }[];
  nodes: { id: string; kind: string; version: number; label: string; position: { x: number; y: number }; config: object }[];
  edges: { id: string; source: string; sourcePort: string; target: string }[];
}

/** Nodes in one block of `generateFlow`. */
const BLOCK_SIZE = 9;

/**
 * A valid flow of exactly `size` nodes (at least 2 + BLOCK_SIZE), shaped like a real IVR repeated: the entry, then
 * blocks of menu → set variable → condition → play leading to the next block, each with business hours, a ring
 * group, a queue, voicemail and a hang-up on its side branches; every port is connected. Plays pad the chain after
 * the last block, and a hang-up ends it.
 */
export function generateFlow(size: number): GeneratedFlow {
  const blocks = Math.floor((size - 2) / BLOCK_SIZE);
  if (blocks < 1) throw new Error(`a generated flow has at least ${2 + BLOCK_SIZE} nodes, not ${size}`);
  const padding = size - 2 - blocks * BLOCK_SIZE;
  const flow: GeneratedFlow = {
    format: FLOW_FORMAT,
    metadata: { name: `Generated IVR (${size} nodes)`, timeZone: 'America/New_York' },
    variables: [
      { name: 'tier', type: 'string', initial: 'silver' },
      { name: 'visits', type: 'number', initial: 0 },
      { name: 'company', type: 'string', initial: 'Acme' },
    ],
    nodes: [],
    edges: [],
  };
  const add = (id: string, kind: string, label: string, config: object) =>
    flow.nodes.push({ id, kind, version: 1, label, position: { x: (flow.nodes.length % 40) * 220, y: Math.floor(flow.nodes.length / 40) * 160 }, config });
  const link = (source: string, sourcePort: string, target: string) =>
    flow.edges.push({ id: `${source}__${sourcePort}`, source, sourcePort, target });
  const tts = (text: string) => ({ type: 'tts', text });

  add('start', 'entry', 'Main number', { number: '+14155550100' });
  link('start', 'next', 'menu-0');
  const after = (block: number) => (block + 1 < blocks ? `menu-${block + 1}` : padding > 0 ? 'pad-0' : 'goodbye');
  for (let block = 0; block < blocks; block += 1) {
    const id = (name: string) => `${name}-${block}`;
    add(id('menu'), 'menu', `Menu ${block}`, {
      prompt: tts(`Step ${block} at {{ vars.company }}: press 1 to continue, 2 for opening hours, 3 to wait for an agent.`),
      options: [
        { digit: '1', label: 'Continue' },
        { digit: '2', label: 'Opening hours' },
        { digit: '3', label: 'Agent' },
      ],
      invalidPrompt: tts('Sorry, that is not an option.'),
    });
    add(id('count'), 'set-variable', `Count visit ${block}`, {
      assignments: [{ variable: 'visits', value: { type: 'expression', expression: `vars.visits + 1` } }],
    });
    add(id('vip'), 'condition', `VIP? ${block}`, {
      rules: [{ id: 'gold', label: 'Gold customer', when: 'vars.tier == "gold" or caller.number startsWith "+1415555"' }],
    });
    add(id('say'), 'play', `Step ${block} done`, { prompt: tts(`Thank you. That was step ${block}; you have made {{ vars.visits }} choices.`) });
    add(id('hours'), 'business-hours', `Hours ${block}`, { scheduleId: 'sched-main' });
    add(id('agents'), 'ring-group', `Sales ${block}`, { target: { type: 'group', ringGroupId: 'rg-sales' }, ringTimeoutSecs: 30 });
    add(id('queue'), 'queue', `Support queue ${block}`, {
      queueId: 'q-support',
      entryPrompt: tts('All our agents are busy. Please hold.'),
      callback: { digit: '1', prompt: tts('Press 1 to be called back.') },
    });
    add(id('mailbox'), 'voicemail', `Voicemail ${block}`, { mailboxId: 'mb-main' });
    add(id('bye'), 'hang-up', `Bye ${block}`, { goodbye: tts('Thank you for calling {{ vars.company }}. Goodbye.') });

    link(id('menu'), '1', id('count'));
    link(id('menu'), '2', id('hours'));
    link(id('menu'), '3', id('queue'));
    link(id('menu'), 'noMatch', id('bye'));
    link(id('menu'), 'timeout', id('menu'));
    link(id('count'), 'next', id('vip'));
    link(id('vip'), 'gold', id('agents'));
    link(id('vip'), 'else', id('say'));
    link(id('say'), 'next', after(block));
    link(id('hours'), 'open', id('agents'));
    link(id('hours'), 'closed', id('mailbox'));
    link(id('hours'), 'holiday', id('mailbox'));
    link(id('agents'), 'answered', id('bye'));
    link(id('agents'), 'noAnswer', id('queue'));
    link(id('queue'), 'answered', id('bye'));
    link(id('queue'), 'timeout', id('mailbox'));
    link(id('queue'), 'callback', id('bye'));
    link(id('mailbox'), 'next', id('bye'));
  }
  for (let pad = 0; pad < padding; pad += 1) {
    add(`pad-${pad}`, 'play', `Notice ${pad}`, { prompt: { type: 'audio', url: `https://cdn.example.com/notices/${pad}.mp3` } });
    link(`pad-${pad}`, 'next', pad + 1 < padding ? `pad-${pad + 1}` : 'goodbye');
  }
  add('goodbye', 'hang-up', 'Goodbye', { goodbye: tts('Goodbye.') });
  return flow;
}

const weekday = [{ open: '09:00', close: '17:00' }];

/** The entities the generated flows reference, so compilation checks references as publishing does. */
export const benchDirectory: DirectorySnapshot = DirectorySnapshotSchema.parse({
  agents: ['agent-1', 'agent-2'].map((id, index) => ({
    id,
    name: `Agent ${index + 1}`,
    extension: `20${index + 1}`,
    endpoint: { type: 'sandbox', id },
    skills: [],
    presence: 'available',
    activeCalls: 0,
    lastCallEndedAt: null,
    doNotDisturbUntil: null,
    vacation: null,
    callForwardingNumber: null,
    timeZone: 'America/New_York',
  })),
  ringGroups: [
    {
      id: 'rg-sales',
      name: 'Sales',
      members: [
        { agentId: 'agent-1', priority: 1 },
        { agentId: 'agent-2', priority: 2 },
      ],
      strategy: 'simultaneous',
      ringTimeoutSecs: 30,
    },
  ],
  queues: [
    {
      id: 'q-support',
      name: 'Support',
      strategy: 'longest-idle',
      requiredSkills: [],
      members: ['agent-1', 'agent-2'],
      maxWaitSecs: 600,
      maxSize: 20,
      announcePosition: true,
      announceExpectedWait: false,
      announceIntervalSecs: 60,
      agentRingTimeoutSecs: 20,
      wrapUpSecs: 10,
    },
  ],
  mailboxes: [
    { id: 'mb-main', name: 'Main', ownerAgentId: null, greeting: null, notifyEmails: [], notifySms: [], transcribe: true, maxLengthSecs: 120 },
  ],
  schedules: [
    {
      id: 'sched-main',
      name: 'Office',
      timeZone: 'America/New_York',
      weekly: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: [], sunday: [] },
      holidays: [],
      override: null,
    },
  ],
});
