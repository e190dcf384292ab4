import { startSandbox, telnyxError, type SandboxHarness } from './sandbox-harness';

const CALLER = '+15125550143';
const NUMBER = '+14155550199';
const ALICE = 'sip:alice@sandbox.callflow.test';
const BOB = 'sip:bob@sandbox.callflow.test';

describe('sandbox carrier: dialing agents and outside numbers, bridge, transfer', () => {
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

  const answeredCall = () => sandbox.answeredCall(CALLER, NUMBER);

  async function dial(to: string, extra: Record<string, unknown> = {}) {
    const response = await sandbox.telnyx.calls.dial({ connection_id: '1234567890', from: NUMBER, to, ...extra });
    const data = response.data;
    if (data === undefined) throw new Error('dial returned no data');
    return data;
  }

  it('dials an agent who answers: outgoing leg events with client_state, then bridge, then both legs end', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint(ALICE, { answer: 'after', afterSecs: 2, talkSecs: 15 });
    const call = await answeredCall();
    const clientState = Buffer.from('{"w":"call-1","l":"agent-alice"}').toString('base64');

    const leg = await dial(ALICE, { client_state: clientState, command_id: 'dial-alice', timeout_secs: 20 });
    expect(leg).toMatchObject({ is_alive: false, record_type: 'call', client_state: clientState });
    expect(leg.call_session_id).not.toBe(call.callSessionId);

    const initiated = await receiver.waitForEvent('call.initiated', leg.call_control_id);
    expect(initiated.body.data.payload).toMatchObject({
      direction: 'outgoing',
      state: 'bridging',
      from: NUMBER,
      to: ALICE,
      calling_party_type: 'sip',
      client_state: clientState,
      connection_id: '1234567890',
    });
    await receiver.waitForEvent('call.answered', leg.call_control_id);

    await telnyx.calls.actions.bridge(call.callControlId, { call_control_id_to_bridge_with: leg.call_control_id });
    await receiver.waitForEvent('call.bridged', call.callControlId);
    const agentBridged = await receiver.waitForEvent('call.bridged', leg.call_control_id);
    expect(agentBridged.body.data.payload).toMatchObject({ from: NUMBER, to: ALICE, client_state: clientState });

    // Alice hangs up after talking; the caller's leg, bridged without park_after_unbridge, is hung up too.
    const agentHangup = await receiver.waitForEvent('call.hangup', leg.call_control_id);
    expect(agentHangup.body.data.payload).toMatchObject({ hangup_cause: 'normal_clearing', hangup_source: 'callee' });
    const callerHangup = await receiver.waitForEvent('call.hangup', call.callControlId);
    expect(callerHangup.body.data.payload).toMatchObject({ hangup_cause: 'normal_clearing', hangup_source: 'callee' });
    expect(receiver.types(leg.call_control_id)).toEqual(['call.initiated', 'call.answered', 'call.bridged', 'call.hangup']);
  });

  it.each([
    ['decline', { answer: 'decline' as const }, { hangup_cause: 'call_rejected', hangup_source: 'callee', sip_hangup_cause: '603' }],
    ['busy', { answer: 'busy' as const }, { hangup_cause: 'user_busy', hangup_source: 'callee', sip_hangup_cause: '486' }],
    ['never answer', { answer: 'never' as const }, { hangup_cause: 'timeout', hangup_source: 'caller', sip_hangup_cause: '487' }],
  ])('reports an endpoint that does %s', async (_, behaviour, hangup) => {
    const { carrier, receiver } = sandbox;
    carrier.setEndpoint(BOB, behaviour);
    const leg = await dial(BOB, { timeout_secs: 5 });
    const event = await receiver.waitForEvent('call.hangup', leg.call_control_id);
    expect(event.body.data.payload).toMatchObject({ ...hangup, call_quality_stats: null });
    expect(receiver.types(leg.call_control_id)).toEqual(['call.initiated', 'call.hangup']);
  });

  it('reports no_answer instead of timeout when retry_on_timeout is false', async () => {
    const { carrier, receiver } = sandbox;
    carrier.setEndpoint('+13125550100', { answer: 'never' });
    const leg = await dial('+13125550100', { timeout_secs: 5, retry_on_timeout: false } as Record<string, unknown>);
    const event = await receiver.waitForEvent('call.hangup', leg.call_control_id);
    expect(event.body.data.payload['hangup_cause']).toBe('no_answer');
  });

  it('answers by default after 2 s (× speed) for any address, SIP parameters and case ignored for endpoint settings', async () => {
    const { carrier, receiver } = sandbox;
    carrier.setEndpoint('SIP:Carol@Sandbox.Callflow.Test', { answer: 'decline' });
    const carol = await dial('sip:Carol@sandbox.callflow.test;transport=tls');
    const outside = await dial('+13125550111');
    expect((await receiver.waitForEvent('call.hangup', carol.call_control_id)).body.data.payload['hangup_cause']).toBe('call_rejected');
    const answered = await receiver.waitForEvent('call.answered', outside.call_control_id);
    expect(answered.body.data.payload['calling_party_type']).toBe('pstn');
  });

  it('cancels the other ringing legs of a ring group with originator_cancel', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint(ALICE, { answer: 'after', afterSecs: 1, talkSecs: null });
    carrier.setEndpoint(BOB, { answer: 'never' });
    const alice = await dial(ALICE);
    const bob = await dial(BOB);
    await receiver.waitForEvent('call.answered', alice.call_control_id);
    await telnyx.calls.actions.hangup(bob.call_control_id, {});
    const cancelled = await receiver.waitForEvent('call.hangup', bob.call_control_id);
    expect(cancelled.body.data.payload).toMatchObject({ hangup_cause: 'originator_cancel', hangup_source: 'caller', sip_hangup_cause: '487' });
  });

  it('returns the first dial again for a repeated command_id', async () => {
    const { carrier } = sandbox;
    const first = await dial(ALICE, { command_id: 'ring-1' });
    const second = await dial(ALICE, { command_id: 'ring-1' });
    expect(second.call_control_id).toBe(first.call_control_id);
    expect(carrier.listCalls()).toHaveLength(1);
    const dials = carrier.callTimeline(first.call_control_id)?.timeline.filter((entry) => entry.kind === 'command');
    expect(dials?.map((entry) => entry.kind === 'command' && entry.result)).toEqual(['ok', 'duplicate']);
  });

  it('keeps the caller when the bridge was made with park_after_unbridge: self', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint(ALICE, { answer: 'after', afterSecs: 0, talkSecs: 15 });
    const call = await answeredCall();
    const leg = await dial(ALICE);
    await receiver.waitForEvent('call.answered', leg.call_control_id);
    await telnyx.calls.actions.bridge(call.callControlId, { call_control_id_to_bridge_with: leg.call_control_id, park_after_unbridge: 'self' });
    await receiver.waitForEvent('call.hangup', leg.call_control_id);

    await telnyx.calls.actions.speak(call.callControlId, { payload: 'Your agent left. Goodbye.', voice: 'female' });
    await receiver.waitForEvent('call.speak.ended', call.callControlId);
    expect(receiver.events({ type: 'call.hangup', callControlId: call.callControlId })).toHaveLength(0);
  });

  it('dials with link_to and bridge_on_answer: same session, bridged when the agent answers', async () => {
    const { receiver } = sandbox;
    const call = await answeredCall();
    const leg = await dial(ALICE, { link_to: call.callControlId, bridge_on_answer: true });
    expect(leg.call_session_id).toBe(call.callSessionId);
    await receiver.waitForEvent('call.bridged', leg.call_control_id);
    await receiver.waitForEvent('call.bridged', call.callControlId);
  });

  it('refuses to bridge unknown, ended or unanswered legs', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint(BOB, { answer: 'never' });
    const call = await answeredCall();
    await expect(
      telnyxError(telnyx.calls.actions.bridge(call.callControlId, { call_control_id_to_bridge_with: 'v3:nope' })),
    ).resolves.toMatchObject({ status: 422, code: '90015' });
    const ringing = await dial(BOB);
    await expect(
      telnyxError(telnyx.calls.actions.bridge(call.callControlId, { call_control_id_to_bridge_with: ringing.call_control_id })),
    ).resolves.toMatchObject({ code: '90034' });
    await telnyx.calls.actions.hangup(ringing.call_control_id, {});
    await receiver.waitForEvent('call.hangup', ringing.call_control_id);
    await expect(
      telnyxError(telnyx.calls.actions.bridge(call.callControlId, { call_control_id_to_bridge_with: ringing.call_control_id })),
    ).resolves.toMatchObject({ code: '90018' });
  });

  it('transfers to a number: leg B in the same session with target_leg_client_state, bridged on answer', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const call = await answeredCall();
    const target = Buffer.from('{"w":"call-1","l":"transfer"}').toString('base64');
    await telnyx.calls.actions.transfer(call.callControlId, { to: '+13125550123', target_leg_client_state: target, timeout_secs: 10 });

    const legB = await receiver.waitFor(
      (event) => event.body.data.event_type === 'call.initiated' && event.body.data.payload['call_control_id'] !== call.callControlId,
      3000,
      'leg B call.initiated',
    );
    const legBId = String(legB.body.data.payload['call_control_id']);
    expect(legB.body.data.payload).toMatchObject({
      call_session_id: call.callSessionId,
      direction: 'outgoing',
      state: 'bridging',
      from: NUMBER,
      to: '+13125550123',
      client_state: target,
    });
    await receiver.waitForEvent('call.answered', legBId);
    await receiver.waitForEvent('call.bridged', call.callControlId);
    await receiver.waitForEvent('call.bridged', legBId);
    expect(carrier.callTimeline(call.callSessionId)?.legs.map((leg) => leg.bridgedWith)).toEqual([legBId, call.callControlId]);
  });

  it('transfers a parked call straight from call.initiated, and leaves the caller up when the target declines', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint('+13125550124', { answer: 'decline', afterSecs: 1 });
    const call = carrier.placeCall({ from: CALLER, to: NUMBER });
    await receiver.waitForEvent('call.initiated', call.callControlId);
    await telnyx.calls.actions.transfer(call.callControlId, { to: '+13125550124' });
    const legB = await receiver.waitFor(
      (event) => event.body.data.event_type === 'call.hangup' && event.body.data.payload['call_control_id'] !== call.callControlId,
      3000,
      'leg B call.hangup',
    );
    expect(legB.body.data.payload['hangup_cause']).toBe('call_rejected');
    expect(carrier.callTimeline(call.callControlId)?.legs[0]?.state).toBe('parked');
  });

  it('cancels a ringing transfer target when the caller hangs up first', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint('+13125550125', { answer: 'never' });
    const call = await answeredCall();
    await telnyx.calls.actions.transfer(call.callControlId, { to: '+13125550125' });
    await receiver.waitFor(
      (event) => event.body.data.event_type === 'call.initiated' && event.body.data.payload['call_control_id'] !== call.callControlId,
      3000,
      'leg B',
    );
    carrier.hangUp(call.callControlId);
    const legB = await receiver.waitFor(
      (event) => event.body.data.event_type === 'call.hangup' && event.body.data.payload['call_control_id'] !== call.callControlId,
      3000,
      'leg B call.hangup',
    );
    expect(legB.body.data.payload['hangup_cause']).toBe('originator_cancel');
  });

  it('lets an answering endpoint follow a script (an agent pressing 1 to accept)', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    carrier.setEndpoint(ALICE, { answer: 'after', afterSecs: 1, talkSecs: null, script: [{ press: '1' }] });
    const leg = await dial(ALICE);
    await receiver.waitForEvent('call.answered', leg.call_control_id);
    await telnyx.calls.actions.gatherUsingSpeak(leg.call_control_id, { payload: 'Press 1 to accept', voice: 'female', maximum_digits: 1 });
    const gathered = await receiver.waitForEvent('call.gather.ended', leg.call_control_id);
    expect(gathered.body.data.payload).toMatchObject({ digits: '1', status: 'valid' });
  });
});
