import { randomUUID } from 'node:crypto';
import { encodeClientState } from '@callflow/schemas';
import { CALLER_LEG_ID, callWorkflowId, DIALLED_LEG_EVENT_TYPES, type LegClientState } from '@callflow/workflows';
import { CLAIM_LEASE_SECS } from '../../src/webhooks/webhook-events.repository';
import { agentLegAnswered, callInitiated, dtmfReceived, newTestCall, type TestCall, type WebhookBody } from '../support/telnyx-events';
import { seedNumberWithFlow, seedTenant } from '../support/seed';
import { startStandInWorker, type StandInWorker } from '../support/stand-in-worker';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** The same leg's event under another type and id, with the fields that type requires. */
function retyped(body: WebhookBody, eventType: string, fields: Record<string, unknown> = {}): WebhookBody {
  return { ...body, data: { ...body.data, id: randomUUID(), event_type: eventType, payload: { ...body.data.payload, ...fields } } };
}

function withClientState(body: WebhookBody, state: LegClientState): WebhookBody {
  return { ...body, data: { ...body.data, payload: { ...body.data.payload, client_state: encodeClientState(JSON.stringify(state)) } } };
}

describe('POST /api/webhooks/telnyx: one signal per event the workflow acts on', () => {
  let api: TestApp;
  let worker: StandInWorker;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startTestApp(), startStandInWorker()]);
  });

  afterAll(async () => {
    await Promise.all([api?.close(), worker?.stop()]);
  });

  async function startedCall(): Promise<{ call: TestCall; workflowId: string }> {
    const tenantId = await seedTenant(api);
    const { number } = await seedNumberWithFlow(api, tenantId);
    const call = newTestCall(number);
    expect((await api.postWebhook(callInitiated(call))).body).toEqual({ status: 'started' });
    return { call, workflowId: callWorkflowId(call.callSessionId) };
  }

  async function signalledIds(workflowId: string): Promise<string[]> {
    return (await worker.record(workflowId)).events.map((event) => event.id);
  }

  async function eventRow(eventId: string): Promise<{ status: string; attempts: number } | undefined> {
    const rows: Array<{ status: string; attempts: number }> = await api.dataSource.query('SELECT status, attempts FROM webhook_events WHERE event_id = $1', [eventId]);
    return rows[0];
  }

  it('signals an event delivered several times at once only once; every copy is acknowledged', async () => {
    const { call, workflowId } = await startedCall();
    const digit = dtmfReceived(call, '3');
    const body = JSON.stringify(digit);
    const headers = api.signer.headers(body);

    const responses = await Promise.all(Array.from({ length: 6 }, () => api.postWebhook(body, headers)));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const statuses = responses.map((response) => (response.body as { status: string }).status).sort();
    expect(statuses).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'signalled']);
    expect(await eventRow(digit.data.id)).toEqual({ status: 'processed', attempts: 1 });
    const ids = await signalledIds(workflowId);
    expect(ids.filter((id) => id === digit.data.id)).toHaveLength(1);
  });

  it('records and acknowledges the events no workflow acts on without signalling them', async () => {
    const { call, workflowId } = await startedCall();
    const answeredLeg: LegClientState = { w: workflowId, l: CALLER_LEG_ID };
    const agentAnswered = agentLegAnswered(workflowId, 'leg-1');
    const unsignalled = [
      retyped(dtmfReceived(call, '1'), 'call.speak.started'),
      withClientState(retyped(dtmfReceived(call, '1'), 'call.bridged'), answeredLeg),
      // A leg the workflow dialled: its call.initiated and call.bridged change nothing for the flow.
      retyped(agentAnswered, 'call.initiated', { direction: 'outgoing', state: 'bridging' }),
      retyped(agentAnswered, 'call.bridged'),
      retyped(agentAnswered, 'call.gather.ended', { status: 'valid', digits: '1' }),
    ];
    // (The stand-in workflow ends at the first call.hangup: the agent leg's is left out.)
    const agentEvents = DIALLED_LEG_EVENT_TYPES.filter((type) => type !== 'call.hangup').map((type) => retyped(agentAnswered, type));
    const signalled = [withClientState(dtmfReceived(call, '2'), answeredLeg), agentAnswered, ...agentEvents];

    for (const body of unsignalled) {
      expect({ type: body.data.event_type, body: (await api.postWebhook(body).expect(200)).body }).toEqual({ type: body.data.event_type, body: { status: 'ignored' } });
      expect(await eventRow(body.data.id)).toEqual({ status: 'processed', attempts: 1 });
    }
    for (const body of signalled) expect((await api.postWebhook(body).expect(200)).body).toEqual({ status: 'signalled' });

    const ids = await signalledIds(workflowId);
    expect(ids).toEqual(expect.arrayContaining(signalled.map((body) => body.data.id)));
    expect(ids.filter((id) => unsignalled.some((body) => body.data.id === id))).toEqual([]);
    const metrics = await api.internal('get', '/api/internal/metrics').expect(200);
    expect(metrics.body.webhooks.unsignalled).toBeGreaterThanOrEqual(unsignalled.length);
  });

  it(`takes over a claim older than ${CLAIM_LEASE_SECS} s (its API instance died mid-route)`, async () => {
    const { call, workflowId } = await startedCall();
    const digit = dtmfReceived(call, '4');
    await api.dataSource.query(
      `INSERT INTO webhook_events (event_id, event_type, call_session_id, status, attempts, claimed_at)
       VALUES ($1, $2, $3, 'received', 1, now() - make_interval(secs => $4))`,
      [digit.data.id, digit.data.event_type, call.callSessionId, CLAIM_LEASE_SECS + 1],
    );

    expect((await api.postWebhook(digit)).body).toEqual({ status: 'signalled' });
    expect(await eventRow(digit.data.id)).toEqual({ status: 'processed', attempts: 2 });
    expect(await signalledIds(workflowId)).toContain(digit.data.id);
  });

  it('has a copy wait for a live claim: processed by the copy once the claim is released, 503 while it is held', async () => {
    const { call, workflowId } = await startedCall();
    const held = dtmfReceived(call, '5');
    const released = dtmfReceived(call, '6');
    for (const body of [held, released]) {
      await api.dataSource.query(
        `INSERT INTO webhook_events (event_id, event_type, call_session_id, status, attempts) VALUES ($1, $2, $3, 'received', 1)`,
        [body.data.id, body.data.event_type, call.callSessionId],
      );
    }

    const waiting = api.postWebhook(released).then((response) => response);
    // The other delivery's routing failed: its claim is released, so the waiting copy processes the event.
    await api.dataSource.query(`UPDATE webhook_events SET status = 'failed', last_error = 'Temporal unreachable' WHERE event_id = $1`, [released.data.id]);
    expect((await waiting).body).toEqual({ status: 'signalled' });
    expect(await eventRow(released.data.id)).toEqual({ status: 'processed', attempts: 2 });

    const refused = await api.postWebhook(held);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toContain('is still being processed');
    expect(await eventRow(held.data.id)).toEqual({ status: 'received', attempts: 1 });
    const ids = await signalledIds(workflowId);
    expect(ids).toContain(released.data.id);
    expect(ids).not.toContain(held.data.id);
  });
});
