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
import { migrate } from '../../src/database/migrate';
import type { TimelineEntryView, WebhookEntryView } from '../../src/sandbox';
import { seedTenant } from '../support/seed';
import { waitFor } from './call-stack';
import type { LoadDriver } from './call-load';
import { cleanReferences, expectAsInCleanRun, recordOf, runCallers, seedCallMix, type CallKind, type CallSummary, type PlacedCaller } from './call-mix';
import { MultiInstanceStack } from './multi-instance-stack';

jest.setTimeout(420_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Simulated time runs five times faster: a sales call (menu, ring, 40 s of conversation) takes about 10 s. */
const SPEED = 0.2;
const TALK_SECS = 40;
const CONCURRENT_CALLS = 8;

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
  let reference: Map<CallKind, CallSummary>;

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
    reference = await cleanReferences(stack, number, TALK_SECS);
  }, 600_000);

  afterAll(async () => {
    stack?.sandbox.setFaults({});
    await stack?.close();
    await temporal?.stop();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const callers = (first: number, until: { maxCalls: number } | { disrupt: (load: LoadDriver) => Promise<void> }): Promise<PlacedCaller[]> =>
    runCallers(stack.sandbox, number, { first, concurrency: CONCURRENT_CALLS, talkSecs: TALK_SECS, ...until });

  /**
   * Webhooks of these calls the API refused with 503, once each was acknowledged on a later delivery (the carrier may
   * still be retrying those no workflow acts on, such as a dialled leg's call.initiated, after the calls ended).
   */
  async function refusedThenAcknowledged(calls: PlacedCaller[]): Promise<WebhookEntryView[]> {
    const refused = (): WebhookEntryView[] =>
      calls
        .flatMap((call) => stack.timeline(call.callSessionId).filter(isWebhook))
        .filter((webhook) => webhook.deliveries.some((delivery) => delivery.status === 503));
    try {
      await waitFor('every refused webhook to be acknowledged on redelivery', () => refused().every((webhook) => webhook.delivered), 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(refused().filter((webhook) => !webhook.delivered))}`);
    }
    return refused();
  }

  /** Requests answered 503 by the instances since the `since`-th forwarded request. */
  function refusedSince(since: number): number {
    return stack.balancer.forwarded.slice(since).filter((request) => request.status === 503).length;
  }

  it('the carrier duplicates, reorders and delays 10% of its deliveries: outcomes, call logs and commands are those of a clean run', async () => {
    const faults = { duplicate: 0.1, share: 0.1, delayMs: 1000, reorderWithinMs: 1000, seed: 20_261_121 };
    const clean = await callers(1000, { maxCalls: 12 });
    stack.sandbox.setFaults(faults);
    const faulty = await callers(1000, { maxCalls: 12 }).finally(() => stack.sandbox.setFaults({}));

    await expectAsInCleanRun(stack, clean, reference);
    await expectAsInCleanRun(stack, faulty, reference);
    // Caller by caller (the n-th call of each run is the same caller), the faulty run is the clean one.
    const summaries = (calls: PlacedCaller[]) => Promise.all(calls.map((call) => recordOf(stack, call.callSessionId)));
    expect(await summaries(faulty)).toEqual(await summaries(clean));
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
    await expectAsInCleanRun(stack, calls, reference);
    expect((await refusedThenAcknowledged(calls)).length).toBeGreaterThan(0);
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
    await expectAsInCleanRun(stack, calls, reference);
    const refused = await refusedThenAcknowledged(calls);
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

function firstSent(webhook: WebhookEntryView): number {
  return Math.min(...webhook.deliveries.map((delivery) => delivery.startedAt));
}
