import { randomUUID } from 'node:crypto';
import type { TraceEvent } from '@callflow/engine';
import { CallsRepository, type StoredCall } from '../../src/calls/calls.repository';
import { openSeededCall, seedTenant } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

describe('internal endpoints: call log', () => {
  let api: TestApp;
  let calls: CallsRepository;

  beforeAll(async () => {
    api = await startTestApp();
    calls = api.get(CallsRepository);
  });

  afterAll(async () => {
    await api.close();
  });

  async function openCall(): Promise<StoredCall> {
    return openSeededCall(api, await seedTenant(api), { startedAt: new Date('2026-11-04T15:00:00Z') });
  }

  const at = Date.parse('2026-11-04T15:00:01Z');
  const entered = (node: string, offset: number): TraceEvent => ({ at: at + offset, flowId: 'main', node, type: 'node.entered', kind: 'play', label: node });

  it('stores events at the positions the workflow numbered them and returns them in order', async () => {
    const call = await openCall();
    const first: TraceEvent[] = [entered('start', 0), { at: at + 1, flowId: 'main', node: 'start', type: 'node.exited', port: 'next', target: 'greet' }];
    const second: TraceEvent[] = [{ at: at + 2, flowId: 'main', node: 'greet', type: 'digits.received', digits: '12#', accepted: true }];

    // Out of order, as retried activities may deliver them.
    await api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 3, events: second }).expect(204);
    await api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 1, events: first }).expect(204);

    expect(await calls.events(call.id)).toEqual([...first, ...second]);
    const seqs: Array<{ seq: number }> = await api.dataSource.query('SELECT seq FROM call_events WHERE call_id = $1 ORDER BY seq', [call.id]);
    expect(seqs.map((row) => row.seq)).toEqual([1, 2, 3]);
  });

  it('stores a retried request once, even when the retries race', async () => {
    const call = await openCall();
    const events = [entered('a', 0), entered('b', 1)];

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 1, events })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(5).fill(204));
    expect(await calls.events(call.id)).toEqual(events);
  });

  it('summarises the call for searches from every write, whatever order the writes come in', async () => {
    const call = await openCall();
    const rung: TraceEvent = {
      at: at + 5_000,
      flowId: 'main',
      node: 'ring',
      type: 'agents.rung',
      targets: ['Ann', 'Bo'],
      legs: [{ legId: 'leg-1', agentId: 'ann' }, { legId: 'leg-2', agentId: 'bo' }],
      timeoutSecs: 20,
    };
    const answered: TraceEvent = { at: at + 9_000, flowId: 'main', node: 'ring', type: 'agent.answered', target: 'Bo', agentId: 'bo' };
    const hungUp: TraceEvent = { at: at + 70_000, flowId: 'main', node: 'ring', type: 'node.exited', port: 'answered', target: 'bye' };
    const summary = async () => ({
      call: (await api.dataSource.query('SELECT wait_started_at, answered_at, answered_agent_id, conversation_ended_at FROM calls WHERE id = $1', [call.id]))[0],
      offered: await api.dataSource.query('SELECT agent_id, answered FROM call_agents WHERE call_id = $1 ORDER BY agent_id', [call.id]),
    });

    await api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 3, events: [answered, hungUp] }).expect(204);
    expect(await summary()).toEqual({
      call: { wait_started_at: null, answered_at: new Date(at + 9_000), answered_agent_id: 'bo', conversation_ended_at: new Date(at + 70_000) },
      offered: [{ agent_id: 'bo', answered: true }],
    });
    await api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 1, events: [entered('ring', 4_000), rung] }).expect(204);
    expect(await summary()).toEqual({
      call: { wait_started_at: new Date(at + 5_000), answered_at: new Date(at + 9_000), answered_agent_id: 'bo', conversation_ended_at: new Date(at + 70_000) },
      offered: [
        { agent_id: 'ann', answered: false },
        { agent_id: 'bo', answered: true },
      ],
    });
  });

  it('records how the call ended', async () => {
    const call = await openCall();
    const endedAt = Date.parse('2026-11-04T15:03:00Z');

    await api
      .internal('post', `/api/internal/calls/${call.id}/end`)
      .send({ outcome: { result: 'voicemail', node: 'vm', reason: 'message left' }, endedAt })
      .expect(204);

    expect(await calls.findCall(call.id)).toMatchObject({
      endedAt: new Date(endedAt),
      outcome: { result: 'voicemail', node: 'vm', reason: 'message left' },
    });
  });

  it('answers 404 for unknown calls and 400 for malformed bodies', async () => {
    const unknown = randomUUID();
    await api.internal('post', `/api/internal/calls/${unknown}/events`).send({ firstSeq: 1, events: [entered('x', 0)] }).expect(404);
    await api.internal('post', '/api/internal/calls/not-a-uuid/end').send({ outcome: { result: 'completed', node: null, reason: '' }, endedAt: at }).expect(404);
    const call = await openCall();
    const malformed = await api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 1, events: [{ type: 'node.entered' }] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('Invalid call events');
    const badOutcome = await api.internal('post', `/api/internal/calls/${call.id}/end`).send({ outcome: { result: 'great', node: null, reason: '' }, endedAt: at });
    expect(badOutcome.status).toBe(400);
  });
});
