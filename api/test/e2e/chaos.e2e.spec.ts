import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureDatabase,
  findFreePort,
  probePostgres,
  startEmbeddedPostgres,
  startTemporalDevServer,
  withDatabase,
  type PostgresServer,
  type TemporalDevServer,
} from '@callflow/deploy';
import type { TraceEvent } from '@callflow/engine';
import { callWorkflowId } from '@callflow/workflows';
import { migrate } from '../../src/database/migrate';
import type { TimelineEntryView, WebhookEntryView } from '../../src/sandbox';
import { seedTenant } from '../support/seed';
import { waitFor } from './call-stack';
import { LoadDriver } from './call-load';
import { EXPECTED_OUTCOMES, callMixCaller, carriedOut, commandIdsCarriedOutTwice, seedCallMix, type CallKind } from './call-mix';
import { MultiInstanceStack } from './multi-instance-stack';
import { withoutTimes } from './resilience-stack';

jest.setTimeout(300_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Simulated time runs ten times faster: a sales call (menu, ring, 40 s of conversation) takes about 5 s. */
const SPEED = 0.1;
const TALK_SECS = 40;
const CONCURRENT_CALLS = 8;

interface Caller {
  kind: CallKind;
  callSessionId: string;
  workflowId: string;
}

const isWebhook = (entry: TimelineEntryView): entry is WebhookEntryView => entry.kind === 'webhook';

/*
 * Things break while calls run, on the multi-instance stack (two API instances, two workers). This file runs its own
 * PostgreSQL (embedded, on a port of its own: the shared server is never restarted) and its own Temporal dev server
 * persisted to a file, so that both can be stopped and started again on the same data and port.
 */
describe('chaos under load: two API instances and two workers while things break', () => {
  let dir: string;
  let postgresDir: string;
  let postgresPort: number;
  let postgres: PostgresServer;
  let temporalPort: number;
  let temporal: TemporalDevServer;
  let stack: MultiInstanceStack;
  let number: string;
  /** One clean call of each kind: the commands carried out and the call log every other call of the kind must match. */
  const reference = new Map<CallKind, { commands: string[]; steps: unknown[] }>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-chaos-'));
    // As root, PostgreSQL runs as the `postgres` user, which must reach its data directory.
    chmodSync(dir, 0o755);
    postgresDir = path.join(dir, 'postgres');
    postgresPort = await findFreePort();
    postgres = await startEmbeddedPostgres(postgresDir, postgresPort);
    const databaseUrl = withDatabase(postgres.url, 'callflow_chaos');
    await ensureDatabase(databaseUrl);
    await migrate(databaseUrl);
    temporalPort = await findFreePort();
    temporal = await startTemporalDevServer({ port: temporalPort, dbFilename: path.join(dir, 'temporal.db') });
    stack = await MultiInstanceStack.start({
      databaseUrl,
      temporalAddress: temporal.address,
      temporalNamespace: temporal.namespace,
      redisUrl: REDIS_URL,
      speed: SPEED,
      // Callers wait for the flow's first command through any outage here.
      sandbox: { firstCommandTimeoutSecs: 3000 },
    });
    number = await seedCallMix(stack.admin, await seedTenant(stack.admin, 'Chaos Plumbing'), stack.sandbox);
    for (let n = 0; n < 3; n += 1) {
      const { kind, request } = callMixCaller(n, number, TALK_SECS);
      const call = stack.placeCall(request);
      await stack.allOutcomes([call.callSessionId]);
      reference.set(kind, { commands: carriedOut(stack.timeline(call.callSessionId), stack.sandbox), steps: callPath(await stack.steps(call.callSessionId)) });
    }
  }, 600_000);

  afterAll(async () => {
    stack?.sandbox.setFaults({});
    await stack?.close();
    await temporal?.stop();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  /**
   * Keeps CONCURRENT_CALLS callers (numbered from `first`) on the line until `maxCalls` were placed or `disrupt` is
   * done, whichever comes first; returns every call placed, once all have ended.
   */
  async function callers(first: number, until: { maxCalls: number } | { disrupt: (load: LoadDriver) => Promise<void> }): Promise<Caller[]> {
    const load = new LoadDriver(stack.sandbox, (n) => callMixCaller(first + n, number, TALK_SECS).request, {
      concurrency: CONCURRENT_CALLS,
      rampMs: 2000,
      durationMs: 600_000,
      drainTimeoutMs: 180_000,
      ...('maxCalls' in until ? { maxCalls: until.maxCalls } : {}),
    });
    const running = load.run();
    if ('disrupt' in until) {
      try {
        await until.disrupt(load);
      } finally {
        load.stop();
      }
    }
    await running;
    return load.calls.map((call) => ({
      kind: callMixCaller(first + call.n, number, TALK_SECS).kind,
      callSessionId: call.ids.callSessionId,
      workflowId: callWorkflowId(call.ids.callSessionId),
    }));
  }

  /** Every call ended as its caller's kind does in a clean run: same outcome, same path in the call log, same commands, each carried out once. */
  async function expectNothingLost(calls: Caller[]): Promise<void> {
    const outcomes = await stack.allOutcomes(calls.map((call) => call.callSessionId), 180_000);
    for (const call of calls) {
      const expected = reference.get(call.kind);
      const timeline = stack.timeline(call.callSessionId);
      expect({ kind: call.kind, outcome: outcomes.get(call.callSessionId) }).toEqual({ kind: call.kind, outcome: EXPECTED_OUTCOMES[call.kind] });
      expect(commandIdsCarriedOutTwice(timeline)).toEqual([]);
      expect({ kind: call.kind, commands: carriedOut(timeline, stack.sandbox) }).toEqual({ kind: call.kind, commands: expected?.commands });
      expect({ kind: call.kind, steps: callPath(await stack.steps(call.callSessionId)) }).toEqual({ kind: call.kind, steps: expected?.steps });
    }
  }

  /** Webhooks of these calls the API refused (non-2xx) at least once; each was acknowledged on a later delivery. */
  function refusedThenAcknowledged(calls: Caller[]): WebhookEntryView[] {
    const webhooks = calls.flatMap((call) => stack.timeline(call.callSessionId).filter(isWebhook));
    const refused = webhooks.filter((webhook) => webhook.deliveries.some((delivery) => delivery.status === 503));
    expect(refused.filter((webhook) => !webhook.delivered).map((webhook) => webhook.type)).toEqual([]);
    return refused;
  }

  /** Requests answered 503 by the instances since the `since`-th forwarded request. */
  function refusedSince(since: number): number {
    return stack.balancer.forwarded.slice(since).filter((request) => request.status === 503).length;
  }

  it('the carrier duplicates, reorders and delays 10% of its deliveries: outcomes, call logs and commands are those of a clean run', async () => {
    const faults = { duplicate: 0.1, share: 0.1, delayMs: 300, reorderWithinMs: 200, seed: 20_261_121 };
    const clean = await callers(1000, { maxCalls: 18 });
    stack.sandbox.setFaults(faults);
    const faulty = await callers(1000, { maxCalls: 18 }).finally(() => stack.sandbox.setFaults({}));

    await expectNothingLost(clean);
    await expectNothingLost(faulty);
    // Caller by caller (the n-th call of each run is the same caller), the faulty run is the clean one.
    const seen = async (call: Caller) => ({
      outcome: (await stack.outcomes([call.callSessionId])).get(call.callSessionId),
      path: callPath(await stack.steps(call.callSessionId)),
      commands: carriedOut(stack.timeline(call.callSessionId), stack.sandbox),
    });
    expect(await Promise.all(faulty.map(seen))).toEqual(await Promise.all(clean.map(seen)));
    const webhooks = faulty.flatMap((call) => stack.timeline(call.callSessionId).filter(isWebhook));
    const duplicated = webhooks.filter((webhook) => webhook.deliveries.some((delivery) => delivery.copy > 1));
    const delayed = webhooks.filter((webhook) => firstSent(webhook) - webhook.at >= faults.delayMs);
    // Overtaken: a later event of the same leg went out first.
    const overtaken = webhooks.filter((webhook) =>
      webhooks.some((later) => later.callControlId === webhook.callControlId && later.seq > webhook.seq && firstSent(later) < firstSent(webhook)),
    );
    expect(duplicated.length).toBeGreaterThan(0);
    expect(delayed.length).toBeGreaterThan(0);
    expect(overtaken.length).toBeGreaterThan(0);
    // The faults hit a share of the deliveries, not all of them.
    expect(duplicated.length).toBeLessThan(webhooks.length / 2);
    for (const call of faulty) expect(await stack.repeatedSignals(call.workflowId)).toBe(0);
  });

  it('Temporal restarted (a persisted dev server stopped and started on the same file and port): the calls resume, none is lost', async () => {
    const calls = await callers(2000, {
      disrupt: async (load) => {
        await waitFor('calls at every stage', () => load.calls.length > CONCURRENT_CALLS, 120_000);
        const since = stack.balancer.forwarded.length;
        await temporal.stop();
        await waitFor('a webhook refused while Temporal is down', () => refusedSince(since) > 0, 60_000);
        temporal = await startTemporalDevServer({ port: temporalPort, dbFilename: path.join(dir, 'temporal.db') });
        const placed = load.calls.length;
        await waitFor('calls placed after the restart', () => load.calls.length >= placed + CONCURRENT_CALLS / 2, 180_000);
      },
    });
    await expectNothingLost(calls);
    expect(refusedThenAcknowledged(calls).length).toBeGreaterThan(0);
  });

  it('PostgreSQL restarted: webhooks are refused with 503 meanwhile, and processed once on redelivery; no call is lost', async () => {
    const calls = await callers(3000, {
      disrupt: async (load) => {
        await waitFor('calls at every stage', () => load.calls.length > CONCURRENT_CALLS, 120_000);
        const since = stack.balancer.forwarded.length;
        await stopPostgresFast();
        await waitFor('a webhook refused while PostgreSQL is down', () => refusedSince(since) > 0, 60_000);
        postgres = await startEmbeddedPostgres(postgresDir, postgresPort);
        const placed = load.calls.length;
        await waitFor('calls placed after the restart', () => load.calls.length >= placed + CONCURRENT_CALLS / 2, 180_000);
      },
    });
    await expectNothingLost(calls);
    const refused = refusedThenAcknowledged(calls);
    expect(refused.length).toBeGreaterThan(0);
    const rows: Array<{ event_id: string; status: string }> = await stack.admin.dataSource.query('SELECT event_id, status FROM webhook_events WHERE event_id = ANY($1)', [
      refused.map((webhook) => webhook.eventId),
    ]);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['processed']));
    expect(rows.length).toBe(refused.length);
  });

  /** A fast shutdown (SIGINT to the postmaster: sessions are cut, as `pg_ctl stop -m fast` or a service restart does). */
  async function stopPostgresFast(): Promise<void> {
    const postmaster = Number(readFileSync(path.join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGINT');
    await waitFor('PostgreSQL to stop', () => probePostgres(postgres.url, 500).then(() => false, () => true), 60_000);
    await postgres.stop();
  }
});

/**
 * The call log's steps without their instants, up to where the call ended (outcomes are compared on their own). How a
 * bridged call ends is a race in any run: the caller's hangup and the agent's leg, hung up by the carrier with it, reach
 * the workflow in either order ("caller hung up", or the agent's side ended first and the flow went on from "answered").
 */
function callPath(steps: TraceEvent[]): unknown[] {
  return withoutTimes(steps.filter((step) => step.type !== 'node.exited' && step.type !== 'call.ended'));
}

function firstSent(webhook: WebhookEntryView): number {
  return Math.min(...webhook.deliveries.map((delivery) => delivery.startedAt));
}
