import { z } from 'zod';
import {
  AgentEndpointSchema,
  AgentSchema,
  DirectorySnapshotSchema,
  E164Schema,
  MailboxSchema,
  PresenceSchema,
  QueueSchema,
  RingGroupSchema,
  RoutingMemorySchema,
  RoutingStrategySchema,
} from './directory.schema';

function issues(schema: z.ZodType, value: unknown): { path: PropertyKey[]; message: string }[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be rejected');
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

const agentInput = {
  id: 'alice',
  name: 'Alice',
  extension: '101',
  endpoint: { type: 'sip', uri: 'sip:alice@pbx.example.com' },
  skills: [{ skill: 'billing', level: 7 }],
  presence: 'available',
  activeCalls: 0,
  lastCallEndedAt: null,
  doNotDisturbUntil: null,
  vacation: null,
  callForwardingNumber: null,
  timeZone: 'Europe/London',
};

const ringGroup = {
  id: 'sales',
  name: 'Sales',
  extension: '200',
  members: [{ agentId: 'alice', priority: 1 }],
  strategy: 'sequential',
  ringTimeoutSecs: 20,
};

const queue = {
  id: 'support',
  name: 'Support',
  strategy: 'skills',
  requiredSkills: [{ skill: 'billing', minLevel: 5 }],
  members: ['alice'],
  maxWaitSecs: 600,
  maxSize: 20,
  announcePosition: true,
  announceExpectedWait: false,
  announceIntervalSecs: 60,
  agentRingTimeoutSecs: 15,
  wrapUpSecs: 10,
  holdAudio: { type: 'audio', url: 'https://cdn.example.com/support-hold.mp3' },
};

const mailbox = {
  id: 'general',
  name: 'General',
  extension: '900',
  ownerAgentId: null,
  greeting: { type: 'tts', text: 'Please leave a message.' },
  notifyEmails: ['office@example.com'],
  notifySms: ['+14155550123'],
  transcribe: true,
  maxLengthSecs: 120,
};

describe('E164Schema', () => {
  it.each(['+14155550123', '+442071838750', '+8613800138000'])('accepts %s', (number) => {
    expect(E164Schema.parse(number)).toBe(number);
  });

  it.each(['14155550123', '+04155550123', '+1 415 555 0123', '+12345'])('rejects %s', (number) => {
    expect(issues(E164Schema, number)).toEqual([
      { path: [], message: 'expected a phone number in E.164 format, e.g. "+14155550123"' },
    ]);
  });
});

describe('PresenceSchema and RoutingStrategySchema', () => {
  it('accept their values and reject others', () => {
    expect(PresenceSchema.parse('away')).toBe('away');
    expect(RoutingStrategySchema.parse('longest-idle')).toBe('longest-idle');
    expect(issues(PresenceSchema, 'lunch').map((i) => i.path)).toEqual([[]]);
    expect(issues(RoutingStrategySchema, 'hunt').map((i) => i.path)).toEqual([[]]);
  });
});

describe('AgentEndpointSchema', () => {
  it.each([
    { type: 'sandbox', id: 'ep-1' },
    { type: 'sip', uri: 'sips:bob@10.0.0.5:5061' },
    { type: 'webrtc', credentialId: 'cred-42' },
  ])('accepts a $type endpoint', (endpoint) => {
    expect(AgentEndpointSchema.parse(endpoint)).toEqual(endpoint);
  });

  it('rejects a SIP URI without the sip: scheme', () => {
    expect(issues(AgentEndpointSchema, { type: 'sip', uri: 'alice@pbx.example.com' })).toEqual([
      { path: ['uri'], message: 'expected a SIP URI such as "sip:alice@pbx.example.com"' },
    ]);
  });
});

describe('AgentSchema', () => {
  it('fills defaults', () => {
    const agent = AgentSchema.parse(agentInput);
    expect(agent).toMatchObject({ directNumber: null, maxConcurrentCalls: 1, ringTimeoutSecs: 20, weight: 1 });
  });

  it('accepts a vacation forwarded to a number', () => {
    const vacation = { from: '2026-08-01', to: '2026-08-14', message: 'Back on the 15th', forwardTo: { type: 'number', number: '+442071838750' } };
    expect(AgentSchema.parse({ ...agentInput, vacation }).vacation).toEqual(vacation);
  });

  it('points at each invalid field', () => {
    const bad = {
      ...agentInput,
      extension: '1',
      skills: [
        { skill: 'billing', level: 7 },
        { skill: 'sales', level: 11 },
      ],
      maxConcurrentCalls: 0,
      vacation: { from: '2026-08-01', to: '2026-08-14', forwardTo: { type: 'agent', agentId: '' } },
      timeZone: 'Mars/Base',
    };
    expect(issues(AgentSchema, bad).map((i) => i.path)).toEqual([
      ['extension'],
      ['skills', 1, 'level'],
      ['maxConcurrentCalls'],
      ['vacation', 'forwardTo', 'agentId'],
      ['timeZone'],
    ]);
  });

  it('rejects a duplicated skill and a reversed vacation', () => {
    const bad = {
      ...agentInput,
      skills: [
        { skill: 'billing', level: 7 },
        { skill: 'billing', level: 3 },
      ],
      vacation: { from: '2026-08-14', to: '2026-08-01' },
    };
    expect(issues(AgentSchema, bad)).toEqual([
      { path: ['skills', 1, 'skill'], message: 'skill "billing" is listed twice' },
      { path: ['vacation', 'to'], message: '"to" must not be before "from"' },
    ]);
  });
});

describe('RingGroupSchema', () => {
  it('accepts a ring group', () => {
    expect(RingGroupSchema.parse(ringGroup)).toEqual(ringGroup);
  });

  it('rejects a member listed twice', () => {
    const bad = { ...ringGroup, members: [{ agentId: 'alice', priority: 1 }, { agentId: 'alice', priority: 2 }] };
    expect(issues(RingGroupSchema, bad)).toEqual([{ path: ['members', 1, 'agentId'], message: 'duplicate member "alice"' }]);
  });
});

describe('QueueSchema', () => {
  it('accepts a queue', () => {
    expect(QueueSchema.parse(queue)).toEqual(queue);
  });

  it('rejects a skill level out of range and a negative wrap-up', () => {
    const bad = { ...queue, requiredSkills: [{ skill: 'billing', minLevel: 0 }], wrapUpSecs: -1 };
    expect(issues(QueueSchema, bad).map((i) => i.path)).toEqual([['requiredSkills', 0, 'minLevel'], ['wrapUpSecs']]);
  });

  it('reads a queue stored without hold audio as the default hold music, and takes only audio files', () => {
    const { holdAudio: _, ...stored } = queue;
    expect(QueueSchema.parse(stored).holdAudio).toBeNull();
    const speech = { ...queue, holdAudio: { type: 'tts', text: 'Please hold', voice: 'female', language: 'en-US' } };
    expect(issues(QueueSchema, speech).map((i) => i.path)).toEqual([
      ['holdAudio', 'type'],
      ['holdAudio', 'url'],
    ]);
    expect(issues(QueueSchema, { ...queue, holdAudio: { type: 'audio', url: 'ftp://cdn.example.com/hold.mp3' } }).map((i) => i.path)).toEqual([
      ['holdAudio', 'url'],
    ]);
  });
});

describe('MailboxSchema', () => {
  it('accepts a mailbox and an audio greeting', () => {
    expect(MailboxSchema.parse(mailbox).greeting).toMatchObject({ type: 'tts', text: 'Please leave a message.' });
    const audio = { type: 'audio', url: 'https://cdn.example.com/greeting.mp3' };
    expect(MailboxSchema.parse({ ...mailbox, greeting: audio }).greeting).toEqual(audio);
  });

  it('rejects a bad email and a bad SMS number', () => {
    const bad = { ...mailbox, notifyEmails: ['office@example.com', 'not-an-email'], notifySms: ['555-0123'] };
    expect(issues(MailboxSchema, bad).map((i) => i.path)).toEqual([
      ['notifyEmails', 1],
      ['notifySms', 0],
    ]);
  });
});

describe('DirectorySnapshotSchema', () => {
  const snapshot = { agents: [agentInput], ringGroups: [ringGroup], queues: [queue], mailboxes: [mailbox], schedules: [] };

  it('accepts a consistent snapshot', () => {
    expect(DirectorySnapshotSchema.parse(snapshot).agents[0]!.id).toBe('alice');
  });

  it('reports references to unknown agents', () => {
    const bad = {
      ...snapshot,
      ringGroups: [{ ...ringGroup, members: [{ agentId: 'bob', priority: 1 }] }],
      queues: [{ ...queue, members: ['alice', 'carol'] }],
      mailboxes: [{ ...mailbox, ownerAgentId: 'dave' }],
    };
    expect(issues(DirectorySnapshotSchema, bad)).toEqual([
      { path: ['ringGroups', 0, 'members', 0, 'agentId'], message: 'unknown agent "bob"' },
      { path: ['queues', 0, 'members', 1], message: 'unknown agent "carol"' },
      { path: ['mailboxes', 0, 'ownerAgentId'], message: 'unknown agent "dave"' },
    ]);
  });

  it('reports duplicate ids and extensions', () => {
    const bad = {
      ...snapshot,
      agents: [agentInput, { ...agentInput, extension: '102' }],
    };
    expect(issues(DirectorySnapshotSchema, bad).map((i) => i.path)).toEqual([['agents', 1, 'id']]);
    const clash = { ...snapshot, mailboxes: [{ ...mailbox, extension: '101' }] };
    expect(issues(DirectorySnapshotSchema, clash)).toEqual([
      { path: ['mailboxes', 0, 'extension'], message: 'extension 101 is already used by agent "alice"' },
    ]);
  });
});

describe('RoutingMemorySchema', () => {
  it('accepts a map of group ids to agent ids', () => {
    expect(RoutingMemorySchema.parse({ lastAgentIdByGroup: { sales: 'alice' } })).toEqual({ lastAgentIdByGroup: { sales: 'alice' } });
  });

  it('rejects an empty agent id', () => {
    expect(issues(RoutingMemorySchema, { lastAgentIdByGroup: { sales: '' } }).map((i) => i.path)).toEqual([
      ['lastAgentIdByGroup', 'sales'],
    ]);
  });
});

describe('JSON Schema generation', () => {
  it('carries descriptions into the generated JSON Schema', () => {
    const json = z.toJSONSchema(AgentSchema, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    expect(json.properties.weight?.description).toBe('Relative share of calls under the weighted strategy');
  });
});
