import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { dropDatabase, ensureDatabase, findFreePort, withDatabase } from '@callflow/deploy';
import { callWorkflowId } from '@callflow/workflows';
import { migrate } from '../../src/database/migrate';
import { DEAD_LETTER_AFTER_ATTEMPTS } from '../../src/webhooks/webhook-events.repository';
import { describeRedrive, parseRedriveArgs, redrive } from '../../src/webhooks/redrive';
import { callInitiated, dtmfReceived, newTestCall } from '../support/telnyx-events';
import { seedNumberWithFlow, seedTenant } from '../support/seed';
import { startStandInWorker, type StandInWorker } from '../support/stand-in-worker';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

describe('POST /api/webhooks/telnyx: Temporal or PostgreSQL unavailable', () => {
  let api: TestApp;
  /** The same API (same database and signing key) with Temporal pointed at a closed port. */
  let broken: TestApp;
  let worker: StandInWorker;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startTestApp(), startStandInWorker()]);
    broken = await startTestApp({ temporalAddress: `127.0.0.1:${await findFreePort()}` }, api.signer);
  });

  afterAll(async () => {
    await Promise.all([api?.close(), broken?.close(), worker?.stop()]);
  });

  async function eventRow(eventId: string): Promise<{ status: string; attempts: number; last_error: string | null } | undefined> {
    const rows: Array<{ status: string; attempts: number; last_error: string | null }> = await api.dataSource.query(
      'SELECT status, attempts, last_error FROM webhook_events WHERE event_id = $1',
      [eventId],
    );
    return rows[0];
  }

  async function deadLetters(eventId: string): Promise<Array<{ id: string; reason: string; attempts: number; payload: unknown; redriven_at: Date | null }>> {
    return api.dataSource.query('SELECT id, reason, attempts, payload, redriven_at FROM dead_letters WHERE event_id = $1', [eventId]);
  }

  async function callWithNumber(): Promise<ReturnType<typeof newTestCall>> {
    const tenantId = await seedTenant(api);
    const { number } = await seedNumberWithFlow(api, tenantId);
    return newTestCall(number);
  }

  it('answers 503 fast when Temporal is unreachable, and processes the redelivery once', async () => {
    const call = await callWithNumber();
    const initiated = callInitiated(call);

    const started = Date.now();
    const refused = await broken.postWebhook(initiated);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toContain('redeliver later');
    expect(await eventRow(initiated.data.id)).toMatchObject({ status: 'failed', attempts: 1 });

    const redelivered = await api.postWebhook({ ...initiated, meta: { ...initiated.meta, attempt: 2 } });
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toEqual({ status: 'started' });
    expect(await eventRow(initiated.data.id)).toEqual({ status: 'processed', attempts: 2, last_error: null });
    expect((await api.postWebhook(initiated)).body).toEqual({ status: 'duplicate' });

    const record = await worker.record(callWorkflowId(call.callSessionId));
    expect(record.events.map((event) => event.id)).toEqual([initiated.data.id]);
    const metrics = await broken.internal('get', '/api/internal/metrics').expect(200);
    expect(metrics.body.webhooks.failed).toBeGreaterThanOrEqual(1);
  });

  it(`parks an event in dead_letters at the ${DEAD_LETTER_AFTER_ATTEMPTS}th failure, then acknowledges it; redrive delivers it`, async () => {
    const call = await callWithNumber();
    const initiated = callInitiated(call);

    for (let attempt = 1; attempt < DEAD_LETTER_AFTER_ATTEMPTS; attempt++) {
      expect((await broken.postWebhook(initiated)).status).toBe(503);
      expect(await deadLetters(initiated.data.id)).toEqual([]);
    }
    const last = await broken.postWebhook(initiated);
    expect(last.status).toBe(200);
    expect(last.body).toEqual({ status: 'dead-lettered' });
    const [parked] = await deadLetters(initiated.data.id);
    expect(parked).toMatchObject({ attempts: DEAD_LETTER_AFTER_ATTEMPTS, payload: initiated, redriven_at: null });
    expect(parked?.reason).toContain('Failed to signalWithStart Workflow ← ');
    expect(parked?.reason).toContain('UNAVAILABLE');
    // Parked means parked: a further delivery, even to a healthy instance, is acknowledged and left for the re-drive.
    expect((await api.postWebhook(initiated)).body).toEqual({ status: 'dead-lettered' });
    await expect(worker.client.workflow.getHandle(callWorkflowId(call.callSessionId)).describe()).rejects.toThrow();

    const failedAgain = await redrive(broken.config, { id: parked?.id ?? '' });
    expect(failedAgain).toEqual([{ deadLetterId: parked?.id, eventId: initiated.data.id, ok: false, error: expect.any(String) }]);

    const results = await redrive(api.config, { id: parked?.id ?? '' });
    expect(results).toEqual([{ deadLetterId: parked?.id, eventId: initiated.data.id, ok: true, outcome: 'started' }]);
    expect(describeRedrive(results)).toContain('1 re-driven, 0 failed');
    expect((await deadLetters(initiated.data.id))[0]?.redriven_at).toBeInstanceOf(Date);
    expect(await eventRow(initiated.data.id)).toMatchObject({ status: 'processed' });
    const record = await worker.record(callWorkflowId(call.callSessionId));
    expect(record.events.map((event) => event.id)).toEqual([initiated.data.id]);
    expect(await redrive(api.config, 'all')).toEqual([]);
    expect((await api.postWebhook(initiated)).body).toEqual({ status: 'duplicate' });
  });

  it('re-drives every parked event from the command line', async () => {
    const call = await callWithNumber();
    const initiated = callInitiated(call);
    const digit = dtmfReceived(call, '7');
    for (const body of [initiated, digit]) {
      for (let attempt = 1; attempt <= DEAD_LETTER_AFTER_ATTEMPTS; attempt++) await broken.postWebhook(body);
    }
    expect(await deadLetters(digit.data.id)).toHaveLength(1);

    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'redrive', '--', '--all'], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, TEMPORAL_NAMESPACE: api.config.temporalNamespace, DATABASE_URL: api.config.databaseUrl },
    });

    expect(stdout).toContain('2 re-driven, 0 failed');
    const record = await worker.record(callWorkflowId(call.callSessionId));
    expect(record.events.map((event) => event.id)).toEqual([initiated.data.id, digit.data.id]);
  });

  it('parses the redrive arguments', () => {
    expect(parseRedriveArgs(['--all'])).toBe('all');
    const id = '0b6f7b5e-7d0c-4c6a-9a51-3f7f0f1d2c3b';
    expect(parseRedriveArgs(['--id', id])).toEqual({ id });
    expect(() => parseRedriveArgs([])).toThrow('usage: npm run redrive -w api -- --id <dead letter id> | --all');
    expect(() => parseRedriveArgs(['--id', 'nope'])).toThrow('"nope" is not a dead letter id');
  });

  it('answers 503 when PostgreSQL is unreachable', async () => {
    const url = withDatabase(api.config.databaseUrl, `callflow_down_${randomBytes(4).toString('hex')}`);
    await ensureDatabase(url);
    await migrate(url);
    const doomed = await startTestApp({ databaseUrl: url }, api.signer);
    try {
      await dropDatabase(url);
      const response = await doomed.postWebhook(callInitiated(newTestCall('+19995550100')));
      expect(response.status).toBe(503);
      expect(response.body.message).toContain('redeliver later');
    } finally {
      await doomed.close();
    }
  });
});
