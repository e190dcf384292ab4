import { createTenantWithUsers } from '../support/logins';
import { createTestNamespace } from '../support/temporal-namespace';
import { waitFor } from './call-stack';
import { cleanReferences, expectAsInCleanRun, runCallers, seedCallMix, type CallKind, type CallSummary } from './call-mix';
import { FollowingSocket } from './following-socket';
import { MultiInstanceStack } from './multi-instance-stack';

jest.setTimeout(420_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Simulated time runs five times faster: a sales call (menu, ring, 40 s of conversation) takes about 10 s. */
const SPEED = 0.2;
const TALK_SECS = 40;
const CONCURRENT_CALLS = 8;

/*
 * Two API instances (api/src/main.ts) and two workers (workflows/src/worker.ts) as OS processes on loopback ports,
 * sharing the test database, the Temporal server (a namespace of their own) and Redis; the carrier's webhooks, the
 * workers' internal calls and the supervisors' sockets reach the instances through a round-robin load balancer.
 */
describe('two API instances and two workers on one machine', () => {
  let stack: MultiInstanceStack;
  let number: string;
  let supervisorToken: string;
  let reference: Map<CallKind, CallSummary>;
  const sockets: FollowingSocket[] = [];

  beforeAll(async () => {
    const { TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl } = process.env;
    if (!temporalAddress || !databaseUrl) throw new Error('TEMPORAL_ADDRESS and DATABASE_URL must be set (jest globalSetup)');
    stack = await MultiInstanceStack.start({
      databaseUrl,
      temporalAddress,
      temporalNamespace: await createTestNamespace(temporalAddress, 'callflow-multi'),
      redisUrl: REDIS_URL,
      speed: SPEED,
      // A call that reaches a dying instance is taken over within seconds, not the 30 simulated seconds a caller waits.
      sandbox: { firstCommandTimeoutSecs: 3000 },
    });
    const company = await createTenantWithUsers(stack.admin, {
      seed: async (tenantId) => {
        number = await seedCallMix(stack.admin, tenantId, stack.sandbox);
      },
    });
    supervisorToken = company.users.supervisor.accessToken;
    reference = await cleanReferences(stack, number, TALK_SECS);
  }, 300_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  async function follow(): Promise<FollowingSocket> {
    const socket = await FollowingSocket.open(stack.balancer.url, supervisorToken);
    sockets.push(socket);
    return socket;
  }

  /** The call log's id of each call and how many steps it recorded, once every call has an outcome. */
  async function recordedSteps(callSessionIds: string[]): Promise<Map<string, { callId: string; steps: number }>> {
    const rows: Array<{ call_session_id: string; id: string; steps: number }> = await stack.admin.dataSource.query(
      `SELECT c.call_session_id, c.id, (SELECT count(*)::int FROM call_events e WHERE e.call_id = c.id) AS steps
       FROM calls c WHERE c.call_session_id = ANY($1)`,
      [callSessionIds],
    );
    return new Map(rows.map((row) => [row.call_session_id, { callId: row.id, steps: row.steps }]));
  }

  /** What the sockets have not seen yet of the calls: a step or the end of one. */
  function unseen(sockets: FollowingSocket[], calls: Iterable<{ callId: string; steps: number }>): string[] {
    return sockets.flatMap((socket, index) =>
      [...calls].flatMap(({ callId, steps }) => {
        const seen = socket.steps.get(callId)?.size ?? 0;
        return seen === steps && socket.ended.has(callId) ? [] : [`socket ${index + 1}: call ${callId} ${seen}/${steps} steps${socket.ended.has(callId) ? '' : ', no end'}`];
      }),
    );
  }

  async function untilSeen(sockets: FollowingSocket[], calls: Iterable<{ callId: string; steps: number }>): Promise<void> {
    try {
      await waitFor('the sockets to see every step and the end of every call', () => unseen(sockets, calls).length === 0, 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${unseen(sockets, calls).slice(0, 10).join('; ')}`);
    }
  }

  /** Calls whose steps the named instance stored (the workers' call-log writes it answered). */
  function callsStoredThrough(api: string): Set<string> {
    return new Set(stack.balancer.served(api, '/api/internal/calls/').flatMap((request) => /\/calls\/([^/]+)\/events$/.exec(request.path)?.[1] ?? []));
  }

  it('spreads calls over both workers and both instances; sockets on either instance see every step of every call', async () => {
    const [onFirst, onSecond] = [await follow(), await follow()];
    expect([stack.balancer.tunnelsTo('api-1'), stack.balancer.tunnelsTo('api-2')]).toEqual([1, 1]);

    const calls = await runCallers(stack.sandbox, number, { first: 10, concurrency: CONCURRENT_CALLS, talkSecs: TALK_SECS, maxCalls: 2 * CONCURRENT_CALLS });
    await expectAsInCleanRun(stack, calls, reference);

    const ranOn = await Promise.all(calls.map((call) => stack.workersOf(call.workflowId)));
    expect(new Set(ranOn.flatMap((workers) => [...workers]))).toEqual(new Set(['worker-1', 'worker-2']));
    for (const api of ['api-1', 'api-2']) {
      expect(stack.balancer.served(api, '/api/webhooks/telnyx').filter((request) => request.status === 200).length).toBeGreaterThan(0);
    }

    const recorded = await recordedSteps(calls.map((call) => call.callSessionId));
    await untilSeen([onFirst, onSecond], recorded.values());
    // Live events are published by the instance that stored the step: each socket got steps stored through the other.
    const storedThroughFirst = callsStoredThrough('api-1');
    const storedThroughSecond = callsStoredThrough('api-2');
    const callIds = [...recorded.values()].map((call) => call.callId);
    expect(callIds.filter((callId) => storedThroughSecond.has(callId)).length).toBeGreaterThan(0);
    expect(callIds.filter((callId) => storedThroughFirst.has(callId)).length).toBeGreaterThan(0);
  });

  it('an API instance and a worker killed (SIGKILL) under load: no call is lost, sockets reconnect to the other instance', async () => {
    const following = [await follow(), await follow(), await follow(), await follow()];
    expect([stack.balancer.tunnelsTo('api-1'), stack.balancer.tunnelsTo('api-2')]).toEqual([2, 2]);
    let placedAfterKill = 0;
    const calls = await runCallers(stack.sandbox, number, {
      first: 100,
      concurrency: CONCURRENT_CALLS,
      talkSecs: TALK_SECS,
      disrupt: async (load) => {
        await waitFor('calls at every stage on both workers', () => load.calls.length > CONCURRENT_CALLS, 120_000);
        await Promise.all([stack.apis[0]!.kill(), stack.workers[0]!.kill()]);
        await waitFor(
          'the sockets of the killed instance to reconnect, through the balancer, to the other',
          () => following.every((socket) => socket.connected) && stack.balancer.tunnelsTo('api-2') === 4,
          60_000,
        );
        placedAfterKill = load.calls.length;
        await waitFor('more calls after the kill', () => load.calls.length >= placedAfterKill + CONCURRENT_CALLS, 180_000);
      },
    });
    await expectAsInCleanRun(stack, calls, reference);

    expect(following.map((socket) => socket.connects).sort()).toEqual([1, 1, 2, 2]);
    const afterReconnection = await recordedSteps(calls.slice(placedAfterKill).map((call) => call.callSessionId));
    await untilSeen(following, afterReconnection.values());
  });
});
