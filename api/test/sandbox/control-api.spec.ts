import 'reflect-metadata';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Telnyx from 'telnyx';
import { createSandboxCarrier, type CallTimeline } from '../../src/sandbox';
import { startSandbox, waitUntil, WebhookReceiver, type SandboxHarness } from './sandbox-harness';

const CALLER = '+15125550143';
const NUMBER = '+14155550199';

describe('sandbox carrier: control API over HTTP', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => {
    sandbox.carrier.reset();
    sandbox.receiver.clear();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${sandbox.baseUrl}/control${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text === '' ? null : JSON.parse(text)) as T };
  }

  it('places a call, and returns the ordered timeline of commands, webhooks and caller actions', async () => {
    const { receiver, telnyx } = sandbox;
    const placed = await control<{ callControlId: string; callSessionId: string }>('POST', '/calls', {
      from: CALLER,
      to: NUMBER,
      script: [{ press: '7' }],
    });
    expect(placed.status).toBe(201);
    const { callControlId, callSessionId } = placed.json;
    await receiver.waitForEvent('call.initiated', callControlId);
    await telnyx.calls.actions.answer(callControlId, { command_id: 'answer-1' });
    await receiver.waitForEvent('call.answered', callControlId);
    await telnyx.calls.actions.answer(callControlId, { command_id: 'answer-1' });
    await telnyx.calls.actions.gather(callControlId, { command_id: 'gather-1', maximum_digits: 1 });
    await receiver.waitForEvent('call.gather.ended', callControlId);
    await waitUntil(
      () => sandbox.carrier.callTimeline(callControlId)?.timeline.every((entry) => entry.kind !== 'webhook' || entry.delivered) === true,
      'every delivery is recorded',
    );

    const { status, json: timeline } = await control<CallTimeline>('GET', `/calls/${encodeURIComponent(callControlId)}`);
    expect(status).toBe(200);
    expect(timeline.callSessionId).toBe(callSessionId);
    expect(timeline.legs).toEqual([expect.objectContaining({ callControlId, direction: 'incoming', state: 'answered', from: CALLER, to: NUMBER })]);
    const summary = timeline.timeline.map((entry) =>
      entry.kind === 'command'
        ? `command ${entry.action} ${entry.commandId} ${entry.result}`
        : entry.kind === 'webhook'
          ? `webhook ${entry.type} ${entry.attempts}`
          : `party ${entry.action} ${entry.detail}`,
    );
    expect(summary).toEqual([
      'webhook call.initiated 1',
      'command answer answer-1 ok',
      'webhook call.answered 1',
      'command answer answer-1 duplicate',
      'command gather gather-1 ok',
      'party press 7',
      'webhook call.dtmf.received 1',
      'webhook call.gather.ended 1',
    ]);
    const bySession = await control<CallTimeline>('GET', `/calls/${callSessionId}`);
    expect(bySession.json.timeline).toHaveLength(summary.length);

    const list = await control('GET', '/calls');
    expect(list.json).toEqual([expect.objectContaining({ callControlId, callSessionId })]);
  });

  it('answers 400 with the issues for an invalid call, and 404 for an unknown one', async () => {
    const invalid = await control<{ error: string; issues: { path: string }[] }>('POST', '/calls', {
      from: 'anonymous',
      to: NUMBER,
      script: [{ press: 'x' }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatch(/^Invalid call: /);
    expect(invalid.json.issues.map((issue) => issue.path)).toEqual(['from', 'script.0.press']);
    const unknown = await control('GET', '/calls/v3:nope');
    expect(unknown.status).toBe(404);
    const malformed = await fetch(`${sandbox.baseUrl}/control/calls`, { method: 'POST', body: '{"from":' });
    expect(malformed.status).toBe(400);
  });

  it('sets endpoint behaviour by address, which dials then follow', async () => {
    const { receiver, telnyx } = sandbox;
    const address = 'sip:dave@sandbox.callflow.test';
    const set = await control('PUT', `/endpoints/${encodeURIComponent(address)}`, { answer: 'decline', afterSecs: 0.5 });
    expect(set).toEqual({ status: 200, json: { address, behaviour: { answer: 'decline', afterSecs: 0.5 } } });
    expect((await control('GET', '/endpoints')).json).toEqual([{ address, behaviour: { answer: 'decline', afterSecs: 0.5 } }]);
    const dialed = await telnyx.calls.dial({ connection_id: 'c', from: NUMBER, to: address });
    const hangup = await receiver.waitForEvent('call.hangup', dialed.data?.call_control_id);
    expect(hangup.body.data.payload['hangup_cause']).toBe('call_rejected');

    const invalid = await control('PUT', `/endpoints/${encodeURIComponent(address)}`, { answer: 'sometimes' });
    expect(invalid.status).toBe(400);
    expect((await control('DELETE', `/endpoints/${encodeURIComponent(address)}`)).status).toBe(204);
    expect((await control('DELETE', `/endpoints/${encodeURIComponent(address)}`)).status).toBe(404);
  });

  it('presses keys and hangs up on behalf of the far end', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const call = carrier.placeCall({ from: CALLER, to: NUMBER });
    await receiver.waitForEvent('call.initiated', call.callControlId);
    const early = await control('POST', `/calls/${encodeURIComponent(call.callControlId)}/dtmf`, { digits: '1' });
    expect(early.status).toBe(409);
    await telnyx.calls.actions.answer(call.callControlId, {});
    const pressed = await control('POST', `/calls/${encodeURIComponent(call.callControlId)}/dtmf`, { digits: '42' });
    expect(pressed).toEqual({ status: 200, json: { pressed: '42' } });
    await receiver.waitFor(() => receiver.events({ type: 'call.dtmf.received' }).length === 2, 3000, 'two digits');
    expect((await control('POST', `/calls/${encodeURIComponent(call.callControlId)}/hangup`)).status).toBe(200);
    const hangup = await receiver.waitForEvent('call.hangup', call.callControlId);
    expect(hangup.body.data.payload).toMatchObject({ hangup_cause: 'normal_clearing', hangup_source: 'caller' });
    expect((await control('POST', `/calls/${encodeURIComponent(call.callControlId)}/hangup`)).status).toBe(409);
  });

  it('answers a ringing leg on behalf of the far end (an agent accepting a ring offer in the browser)', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const agent = 'sip:dora@sandbox.callflow.test';
    carrier.setEndpoint(agent, { answer: 'never' });
    const leg = (await telnyx.calls.dial({ connection_id: '1234567890', from: NUMBER, to: agent })).data;
    if (leg === undefined) throw new Error('dial returned no data');
    await receiver.waitForEvent('call.initiated', leg.call_control_id);
    const path = `/calls/${encodeURIComponent(leg.call_control_id)}/answer`;
    expect(await control('POST', path)).toEqual({ status: 200, json: { answered: true } });
    await receiver.waitForEvent('call.answered', leg.call_control_id);
    expect((await control('POST', path)).status).toBe(409);
    expect((await control('POST', '/calls/v3:unknown/answer')).status).toBe(404);
  });

  it('sets and reads delivery faults, and resets everything', async () => {
    const set = await control('PUT', '/faults', { copies: 2, seed: 5 });
    expect(set.json).toEqual({ duplicate: 0, copies: 2, reorderWithinMs: 0, delayMs: 0, seed: 5 });
    expect((await control('GET', '/faults')).json).toEqual(set.json);
    expect((await control('PUT', '/faults', { reorder: 10 })).status).toBe(400);
    await control('POST', '/calls', { from: CALLER, to: NUMBER });
    expect((await control('POST', '/reset')).json).toEqual({ reset: true });
    expect((await control('GET', '/calls')).json).toEqual([]);
    const faults = (await control<Record<string, unknown>>('GET', '/faults')).json;
    expect(faults).toMatchObject({ duplicate: 0, reorderWithinMs: 0, delayMs: 0 });
    expect(faults).not.toHaveProperty('copies');
  });

  it('lists messages and 404s unknown recordings and paths', async () => {
    await sandbox.telnyx.messages.send({ from: NUMBER, to: CALLER, text: 'Hello' });
    expect((await control('GET', '/messages')).json).toEqual([expect.objectContaining({ to: CALLER, text: 'Hello' })]);
    expect((await control('GET', '/recordings/nope/transcript')).status).toBe(404);
    expect((await fetch(`${sandbox.baseUrl}/recordings/nope`)).status).toBe(404);
    expect((await control('GET', '/nothing-here')).status).toBe(404);
    expect((await control('GET', '')).json).toMatchObject({ publicKey: sandbox.carrier.publicKey, speed: 0.01 });
  });

  it('serves the default hold music the worker plays in sandbox mode', async () => {
    const response = await fetch(`${sandbox.baseUrl}/hold-music.mp3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 4).toString('ascii')).toBe('RIFF');
  });
});

describe('sandbox carrier mounted in NestJS', () => {
  @Module({})
  class EmptyModule {}

  it.each([
    ['before the body parsers (app.use before init)', false],
    ['after the body parsers (app.use after init)', true],
  ])('serves the SDK and the control API when mounted %s', async (_, afterInit) => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    const carrier = createSandboxCarrier({ webhookUrl: receiver.url, speed: 0.01 });
    receiver.setPublicKey(carrier.publicKey);
    let app: INestApplication | undefined;
    try {
      app = await NestFactory.create(EmptyModule, { logger: false, rawBody: true });
      app.setGlobalPrefix('api');
      if (afterInit) await app.init();
      app.use('/sandbox', carrier.router);
      await app.listen(0, '127.0.0.1');
      const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

      const placed = await fetch(`${base}/sandbox/control/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: CALLER, to: NUMBER, script: [{ press: '3' }] }),
      });
      expect(placed.status).toBe(201);
      const { callControlId } = (await placed.json()) as { callControlId: string };
      await receiver.waitForEvent('call.initiated', callControlId);

      const emptyAnswer = await fetch(`${base}/sandbox/telnyx/v2/calls/${encodeURIComponent(callControlId)}/actions/answer`, {
        method: 'POST',
        headers: { authorization: 'Bearer KEY', 'content-type': 'application/json', 'content-length': '0' },
      });
      expect(await emptyAnswer.json()).toEqual({ data: { result: 'ok' } });

      const telnyx = new Telnyx({ apiKey: 'KEY', baseURL: `${base}/sandbox/telnyx/v2`, maxRetries: 0 });
      await telnyx.calls.actions.gather(callControlId, { maximum_digits: 1 });
      const gathered = await receiver.waitForEvent('call.gather.ended', callControlId);
      expect(gathered.body.data.payload).toMatchObject({ digits: '3', status: 'valid' });
      expect(gathered.verified).toBe(true);
    } finally {
      carrier.close();
      await app?.close();
      await receiver.stop();
    }
  });
});
