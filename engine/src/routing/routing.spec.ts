import type { Agent, RingGroupMember, RoutingMemory, RoutingStrategy } from '@callflow/schemas';
import { agent } from '../../test/support/agents';
import { agentAvailability, planRing, type RingPlanInput } from './index';

const NOW = Date.parse('2026-06-10T15:00:00Z');


const members = (...ids: string[]): RingGroupMember[] => ids.map((agentId, index) => ({ agentId, priority: index + 1 }));
const emptyMemory: RoutingMemory = { lastAgentIdByGroup: {} };

function plan(strategy: RoutingStrategy, agents: Agent[], overrides: Partial<RingPlanInput> = {}) {
  return planRing({
    groupId: 'sales',
    strategy,
    members: members(...agents.map((a) => a.id)),
    agents,
    at: NOW,
    ringTimeoutSecs: 15,
    memory: emptyMemory,
    seed: 42,
    ...overrides,
  });
}

/** The order agents are rung in, one entry per attempt. */
const order = (ringPlan: { attempts: { agentIds: string[] }[] }) => ringPlan.attempts.map((attempt) => attempt.agentIds.join('+'));

describe('agentAvailability', () => {
  it('is available when present, free and not on vacation', () => {
    expect(agentAvailability(agent('a'), NOW)).toEqual({ available: true });
  });

  it.each(['offline', 'away', 'busy'] as const)('excludes presence %s', (presence) => {
    expect(agentAvailability(agent('a', { presence }), NOW)).toEqual({ available: false, reason: presence });
  });

  it('honours do-not-disturb until it expires', () => {
    const dnd = agent('a', { doNotDisturbUntil: '2026-06-10T15:30:00Z' });
    expect(agentAvailability(dnd, NOW)).toEqual({ available: false, reason: 'do-not-disturb' });
    expect(agentAvailability(dnd, Date.parse('2026-06-10T15:30:00Z'))).toEqual({ available: true });
  });

  it('excludes an agent at the call limit', () => {
    expect(agentAvailability(agent('a', { activeCalls: 2, maxConcurrentCalls: 2 }), NOW)).toEqual({
      available: false,
      reason: 'at-call-limit',
    });
    expect(agentAvailability(agent('a', { activeCalls: 1, maxConcurrentCalls: 2 }), NOW)).toEqual({ available: true });
  });

  it('reads vacation dates in the agent time zone, both ends inclusive', () => {
    const sydney = agent('a', { timeZone: 'Australia/Sydney', vacation: { from: '2026-08-01', to: '2026-08-14' } });
    // 2026-07-31 15:00 UTC is already 1 August 01:00 in Sydney (UTC+10).
    expect(agentAvailability(sydney, Date.parse('2026-07-31T15:00:00Z'))).toEqual({ available: false, reason: 'vacation' });
    expect(agentAvailability(agent('b', { vacation: sydney.vacation }), Date.parse('2026-07-31T15:00:00Z'))).toEqual({
      available: true,
    });
    expect(agentAvailability(sydney, Date.parse('2026-08-14T23:59:00+10:00')).available).toBe(false);
    expect(agentAvailability(sydney, Date.parse('2026-08-15T00:00:00+10:00')).available).toBe(true);
  });

  it('reports the vacation forward even while the agent is offline', () => {
    const away = agent('a', {
      presence: 'offline',
      vacation: { from: '2026-06-01', to: '2026-06-30', forwardTo: { type: 'number', number: '+14155550123' } },
    });
    expect(agentAvailability(away, NOW)).toEqual({
      available: false,
      reason: 'vacation',
      forwardTo: { type: 'number', number: '+14155550123' },
    });
  });
});

describe('planRing strategies', () => {
  const alice = agent('alice', { lastCallEndedAt: '2026-06-10T14:50:00Z', activeCalls: 2, maxConcurrentCalls: 3 });
  const bob = agent('bob', { lastCallEndedAt: null, activeCalls: 1, maxConcurrentCalls: 3 });
  const carol = agent('carol', { lastCallEndedAt: '2026-06-10T09:00:00Z', activeCalls: 0, maxConcurrentCalls: 3 });
  const dave = agent('dave', { presence: 'offline' });

  it('simultaneous rings every available agent in one attempt', () => {
    const result = plan('simultaneous', [carol, dave, alice, bob]);
    expect(result.attempts).toEqual([{ agentIds: ['alice', 'bob', 'carol'], timeoutSecs: 15 }]);
    expect(result.excluded).toEqual([{ agentId: 'dave', reason: 'offline' }]);
    expect(result.memory).toBe(emptyMemory);
  });

  it('sequential rings one at a time by priority, ties by agent id', () => {
    const result = plan('sequential', [alice, bob, carol, dave], {
      members: [
        { agentId: 'carol', priority: 2 },
        { agentId: 'alice', priority: 5 },
        { agentId: 'dave', priority: 1 },
        { agentId: 'bob', priority: 2 },
      ],
    });
    expect(order(result)).toEqual(['bob', 'carol', 'alice']);
    expect(result.attempts.every((attempt) => attempt.timeoutSecs === 15)).toBe(true);
  });

  it('longest-idle rings the never-called agent first, then the longest idle', () => {
    expect(order(plan('longest-idle', [alice, bob, carol]))).toEqual(['bob', 'carol', 'alice']);
  });

  it('fewest-calls rings the agent with the fewest active calls first', () => {
    expect(order(plan('fewest-calls', [alice, bob, carol]))).toEqual(['carol', 'bob', 'alice']);
  });

  it('breaks ties by agent id', () => {
    const twins = [agent('zed'), agent('amy'), agent('kim')];
    expect(order(plan('longest-idle', twins))).toEqual(['amy', 'kim', 'zed']);
    expect(order(plan('fewest-calls', twins))).toEqual(['amy', 'kim', 'zed']);
  });

  it('returns no attempts when nobody is available', () => {
    const result = plan('sequential', [dave]);
    expect(result.attempts).toEqual([]);
    expect(plan('simultaneous', [dave]).attempts).toEqual([]);
  });
});

describe('round-robin', () => {
  const team = [agent('a'), agent('b'), agent('c'), agent('d')];

  it('rotates across calls through the memory', () => {
    const firsts: string[] = [];
    let memory = emptyMemory;
    for (let call = 0; call < 5; call++) {
      const result = plan('round-robin', team, { memory });
      firsts.push(result.attempts[0]!.agentIds[0]!);
      expect(result.attempts).toHaveLength(4);
      memory = result.memory;
    }
    expect(firsts).toEqual(['a', 'b', 'c', 'd', 'a']);
    expect(memory).toEqual({ lastAgentIdByGroup: { sales: 'a' } });
  });

  it('continues after the last agent even when that agent is now unavailable', () => {
    const withBOffline = [agent('a'), agent('b', { presence: 'away' }), agent('c'), agent('d')];
    const result = plan('round-robin', withBOffline, { memory: { lastAgentIdByGroup: { sales: 'b' } } });
    expect(order(result)).toEqual(['c', 'd', 'a']);
    expect(result.memory.lastAgentIdByGroup.sales).toBe('c');
  });

  it('keeps each group separate and restarts when the remembered agent left the group', () => {
    const memory = { lastAgentIdByGroup: { support: 'c', sales: 'gone' } };
    const result = plan('round-robin', team, { memory });
    expect(order(result)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.memory).toEqual({ lastAgentIdByGroup: { support: 'c', sales: 'a' } });
    expect(memory).toEqual({ lastAgentIdByGroup: { support: 'c', sales: 'gone' } });
  });

  it('leaves the memory alone when nobody can be rung', () => {
    const memory = { lastAgentIdByGroup: { sales: 'b' } };
    const result = plan('round-robin', [agent('a', { presence: 'offline' })], { memory });
    expect(result.memory).toBe(memory);
  });
});

describe('random and weighted', () => {
  const crowd = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => agent(id));

  it('random gives the same order for the same seed, whatever the input order', () => {
    const first = order(plan('random', crowd, { seed: 7 }));
    expect(order(plan('random', [...crowd].reverse(), { seed: 7, members: members(...crowd.map((a) => a.id)) }))).toEqual(first);
    expect([...first].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('random varies with the seed and puts every agent first sometimes', () => {
    const firsts = new Set(Array.from({ length: 60 }, (_, seed) => order(plan('random', crowd, { seed }))[0]));
    expect(firsts).toEqual(new Set(['a', 'b', 'c', 'd', 'e', 'f']));
  });

  it('refuses a non-integer seed', () => {
    expect(() => plan('random', crowd, { seed: 0.5 })).toThrow('routing seed must be an integer, got 0.5');
  });

  it('weighted is reproducible and favours heavier agents', () => {
    const weighted = [agent('heavy', { weight: 9 }), agent('light', { weight: 1 })];
    expect(order(plan('weighted', weighted, { seed: 123 }))).toEqual(order(plan('weighted', weighted, { seed: 123 })));
    const runs = 2000;
    let heavyFirst = 0;
    for (let seed = 0; seed < runs; seed++) {
      if (order(plan('weighted', weighted, { seed }))[0] === 'heavy') heavyFirst++;
    }
    expect(heavyFirst / runs).toBeGreaterThan(0.86);
    expect(heavyFirst / runs).toBeLessThan(0.94);
  });
});

describe('skills', () => {
  const requiredSkills = [
    { skill: 'billing', minLevel: 5 },
    { skill: 'spanish', minLevel: 3 },
  ];
  const expert = agent('expert', { skills: [{ skill: 'billing', level: 9 }, { skill: 'spanish', level: 8 }] });
  const solid = agent('solid', {
    skills: [{ skill: 'billing', level: 6 }, { skill: 'spanish', level: 5 }],
    lastCallEndedAt: '2026-06-10T14:00:00Z',
  });
  const solidIdle = agent('solid-idle', {
    skills: [{ skill: 'spanish', level: 4 }, { skill: 'billing', level: 7 }],
    lastCallEndedAt: '2026-06-10T10:00:00Z',
  });
  const weakSpanish = agent('weak', { skills: [{ skill: 'billing', level: 10 }, { skill: 'spanish', level: 2 }] });
  const noSpanish = agent('mono', { skills: [{ skill: 'billing', level: 10 }] });

  it('keeps agents with every required skill and orders them by matched levels, ties by longest idle', () => {
    const result = plan('skills', [solid, weakSpanish, expert, noSpanish, solidIdle], { requiredSkills });
    expect(order(result)).toEqual(['expert', 'solid-idle', 'solid']);
    expect(result.excluded).toEqual([
      { agentId: 'weak', reason: 'lacks-skills' },
      { agentId: 'mono', reason: 'lacks-skills' },
    ]);
  });

  it('filters by required skills under other strategies too', () => {
    expect(order(plan('sequential', [weakSpanish, solid, expert], { requiredSkills }))).toEqual(['solid', 'expert']);
  });
});

describe('exclusions and forwards', () => {
  it('lists every exclusion reason, in priority order of the members', () => {
    const agents = [
      agent('offline', { presence: 'offline' }),
      agent('away', { presence: 'away' }),
      agent('busy', { presence: 'busy' }),
      agent('dnd', { doNotDisturbUntil: '2026-06-10T16:00:00Z' }),
      agent('dnd-over', { doNotDisturbUntil: '2026-06-10T14:00:00Z' }),
      agent('holiday', { vacation: { from: '2026-06-08', to: '2026-06-12' } }),
      agent('back', { vacation: { from: '2026-06-01', to: '2026-06-09' } }),
      agent('full', { activeCalls: 1 }),
    ];
    const result = plan('sequential', agents, { members: [...members(...agents.map((a) => a.id)), { agentId: 'ghost', priority: 99 }] });
    expect(result.excluded).toEqual([
      { agentId: 'offline', reason: 'offline' },
      { agentId: 'away', reason: 'away' },
      { agentId: 'busy', reason: 'busy' },
      { agentId: 'dnd', reason: 'do-not-disturb' },
      { agentId: 'holiday', reason: 'vacation' },
      { agentId: 'full', reason: 'at-call-limit' },
      { agentId: 'ghost', reason: 'unknown-agent' },
    ]);
    expect(order(result)).toEqual(['dnd-over', 'back']);
    expect(result.forwards).toEqual([]);
  });

  it('rings a vacation stand-in in the absent agent\'s place', () => {
    const agents = [
      agent('first'),
      agent('absent', { vacation: { from: '2026-06-01', to: '2026-06-30', forwardTo: { type: 'agent', agentId: 'stand-in' } } }),
      agent('last'),
      agent('stand-in'),
    ];
    const result = plan('sequential', agents, { members: members('first', 'absent', 'last') });
    expect(order(result)).toEqual(['first', 'stand-in', 'last']);
    expect(result.forwards).toEqual([{ fromAgentId: 'absent', to: { type: 'agent', agentId: 'stand-in' } }]);
    expect(result.excluded).toEqual([{ agentId: 'absent', reason: 'vacation' }]);
  });

  it('rings a stand-in who is also a member only once', () => {
    const agents = [
      agent('absent', { vacation: { from: '2026-06-01', to: '2026-06-30', forwardTo: { type: 'agent', agentId: 'colleague' } } }),
      agent('colleague'),
    ];
    expect(plan('simultaneous', agents).attempts).toEqual([{ agentIds: ['colleague'], timeoutSecs: 15 }]);
    expect(order(plan('sequential', agents))).toEqual(['colleague']);
  });

  it('drops a forward to an unavailable stand-in', () => {
    const agents = [
      agent('absent', { vacation: { from: '2026-06-01', to: '2026-06-30', forwardTo: { type: 'agent', agentId: 'also-out' } } }),
      agent('also-out', { presence: 'offline' }),
    ];
    const result = plan('sequential', agents, { members: members('absent') });
    expect(result.attempts).toEqual([]);
    expect(result.forwards).toEqual([]);
  });

  it('hands a number forward to the host instead of ringing it', () => {
    const agents = [
      agent('absent', { vacation: { from: '2026-06-01', to: '2026-06-30', forwardTo: { type: 'number', number: '+442071838750' } } }),
      agent('present'),
    ];
    const result = plan('simultaneous', agents);
    expect(result.attempts).toEqual([{ agentIds: ['present'], timeoutSecs: 15 }]);
    expect(result.forwards).toEqual([{ fromAgentId: 'absent', to: { type: 'number', number: '+442071838750' } }]);
  });

  it('round-robin remembers the absent member\'s turn, not the stand-in', () => {
    const agents = [
      agent('a'),
      agent('b', { vacation: { from: '2026-06-01', to: '2026-06-30', forwardTo: { type: 'agent', agentId: 'x' } } }),
      agent('c'),
      agent('x'),
    ];
    const result = plan('round-robin', agents, { members: members('a', 'b', 'c'), memory: { lastAgentIdByGroup: { sales: 'a' } } });
    expect(order(result)).toEqual(['x', 'c', 'a']);
    expect(result.memory.lastAgentIdByGroup.sales).toBe('b');
  });
});
