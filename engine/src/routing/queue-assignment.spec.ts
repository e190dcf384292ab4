import type { Queue } from '@callflow/schemas';
import { agent } from '../../test/support/agents';
import { assignQueueAgents, expectedWaitSecs, type QueueAssignmentInput } from './queue-assignment';

const NOW = Date.parse('2026-06-10T15:00:00Z');


const queue: Queue = {
  id: 'service',
  name: 'Service',
  strategy: 'longest-idle',
  requiredSkills: [{ skill: 'plumbing', minLevel: 3 }],
  members: ['ann', 'bob', 'cy'],
  maxWaitSecs: 600,
  maxSize: 10,
  announcePosition: true,
  announceExpectedWait: true,
  announceIntervalSecs: 60,
  agentRingTimeoutSecs: 15,
  wrapUpSecs: 10,
  holdAudio: null,
};

const agents = [
  agent('ann', { lastCallEndedAt: '2026-06-10T14:50:00Z', skills: [{ skill: 'plumbing', level: 5 }] }),
  agent('bob', { lastCallEndedAt: '2026-06-10T14:30:00Z', skills: [{ skill: 'plumbing', level: 5 }] }),
  agent('cy', { skills: [{ skill: 'plumbing', level: 1 }] }),
];

function assign(overrides: Partial<QueueAssignmentInput> = {}) {
  return assignQueueAgents({
    queue,
    agents,
    waiting: [
      { id: 'call-late', joinedAt: NOW - 10_000 },
      { id: 'call-early', joinedAt: NOW - 60_000 },
    ],
    offeredWaiterIds: new Set(),
    busyAgentIds: new Set(),
    missedBy: {},
    memory: { lastAgentIdByGroup: {} },
    at: NOW,
    seed: 1,
    ...overrides,
  }).assignments;
}

describe('assignQueueAgents', () => {
  it('gives the longest-waiting caller the agent the strategy picks first, and skips agents without the skills', () => {
    expect(assign()).toEqual([
      { waiterId: 'call-early', agentId: 'bob' },
      { waiterId: 'call-late', agentId: 'ann' },
    ]);
  });

  it('does not offer busy agents, nor a second agent to a caller whose offer is ringing', () => {
    expect(assign({ busyAgentIds: new Set(['bob']) })).toEqual([{ waiterId: 'call-early', agentId: 'ann' }]);
    expect(assign({ offeredWaiterIds: new Set(['call-early']) })).toEqual([{ waiterId: 'call-late', agentId: 'bob' }]);
  });

  it('tries another agent after a missed offer, but retries the same one when nobody else is free', () => {
    expect(assign({ missedBy: { 'call-early': ['bob'] } })[0]).toEqual({ waiterId: 'call-early', agentId: 'ann' });
    expect(assign({ missedBy: { 'call-early': ['bob'] }, busyAgentIds: new Set(['ann']) })[0]).toEqual({ waiterId: 'call-early', agentId: 'bob' });
  });

  it('offers nobody when every member is unavailable', () => {
    expect(assign({ agents: agents.map((candidate) => ({ ...candidate, presence: 'offline' as const })) })).toEqual([]);
  });
});

describe('expectedWaitSecs', () => {
  it('scales the recent average wait by the position', () => {
    expect(expectedWaitSecs(3, [40, 60, 50])).toBe(150);
    expect(expectedWaitSecs(1, [])).toBeNull();
  });
});
