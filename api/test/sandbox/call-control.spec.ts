import { createSandboxCarrier } from '../../src/sandbox';
import { sleep, startSandbox, telnyxError, type SandboxHarness } from './sandbox-harness';

const CALLER = '+15125550143';
const NUMBER = '+14155550199';
const encode = (text: string): string => Buffer.from(text).toString('base64');

describe('sandbox carrier: Call Control commands and simulated callers', () => {
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

  /** Places a call and answers it once call.initiated arrived. */
  const answeredCall = (script?: Parameters<SandboxHarness['answeredCall']>[2]) => sandbox.answeredCall(CALLER, NUMBER, script);

  describe('answer, speak, gather', () => {
    it('answers, speaks and gathers digits pressed by a scripted caller, echoing client_state', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const call = carrier.placeCall({ from: CALLER, to: NUMBER, script: [{ press: '12#' }] });

      const initiated = await receiver.waitForEvent('call.initiated', call.callControlId);
      expect(call.callControlId).toMatch(/^v3:[A-Za-z0-9_-]{54}$/);
      expect(initiated.body.data.payload).toMatchObject({
        call_control_id: call.callControlId,
        call_leg_id: call.callLegId,
        call_session_id: call.callSessionId,
        direction: 'incoming',
        state: 'parked',
        from: CALLER,
        to: NUMBER,
        client_state: null,
        calling_party_type: 'pstn',
        connection_id: carrier.connectionId,
      });

      const clientState = encode('{"w":"call-1","l":"caller"}');
      await expect(telnyx.calls.actions.answer(call.callControlId, { client_state: clientState, command_id: 'a-1' })).resolves.toEqual({
        data: { result: 'ok' },
      });
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'Welcome to Acme.', voice: 'female' });
      await telnyx.calls.actions.gatherUsingSpeak(call.callControlId, {
        payload: 'Press one two then pound.',
        voice: 'female',
        maximum_tries: 1,
        valid_digits: '0123456789',
      });

      const gathered = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(gathered.body.data.payload).toMatchObject({ digits: '12', status: 'valid', client_state: clientState, from: CALLER, to: NUMBER });
      expect(receiver.types(call.callControlId)).toEqual([
        'call.initiated',
        'call.answered',
        'call.speak.started',
        'call.speak.ended',
        'call.dtmf.received',
        'call.dtmf.received',
        'call.dtmf.received',
        'call.gather.ended',
      ]);
      expect(receiver.events({ type: 'call.dtmf.received' }).map((event) => event.body.data.payload['digit'])).toEqual(['1', '2', '#']);
      const answered = receiver.events({ type: 'call.answered' })[0]?.body.data.payload;
      expect(answered).toMatchObject({ client_state: clientState, codec: 'PCMU', sampling_rate: 8000 });
      const speakStarted = receiver.events({ type: 'call.speak.started' })[0]?.body.data.payload;
      const speakEnded = receiver.events({ type: 'call.speak.ended' })[0]?.body.data.payload;
      expect(speakStarted?.['speak_id']).toMatch(/^[A-Za-z0-9]{10}$/);
      expect(speakEnded).toMatchObject({ speak_id: speakStarted?.['speak_id'], status: 'completed' });
      expect(speakStarted).not.toHaveProperty('from');
      expect(receiver.deliveries.every((delivery) => delivery.verified && delivery.schemaError === null)).toBe(true);
    });

    it('times out a gather when the caller stays silent, replaying an audio prompt up to maximum_tries', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall([{ silence: true }]);
      await telnyx.calls.actions.gatherUsingAudio(call.callControlId, {
        audio_url: 'https://example.com/menu.mp3',
        maximum_tries: 2,
        timeout_millis: 2000,
      });

      const gathered = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(gathered.body.data.payload).toMatchObject({ digits: '', status: 'timeout' });
      expect(receiver.types(call.callControlId).slice(2)).toEqual([
        'call.playback.started',
        'call.playback.ended',
        'call.playback.started',
        'call.playback.ended',
        'call.gather.ended',
      ]);
      expect(receiver.events({ type: 'call.playback.started' })[0]?.body.data.payload).toMatchObject({
        media_url: 'https://example.com/menu.mp3',
        overlay: false,
      });
    });

    it('gives each try of a prompt gather the next script action', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall([{ silence: true }, { press: '5' }]);
      await telnyx.calls.actions.gatherUsingAudio(call.callControlId, {
        audio_url: 'https://example.com/menu.mp3',
        maximum_tries: 3,
        timeout_millis: 2000,
        maximum_digits: 1,
      });

      const gathered = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(gathered.body.data.payload).toMatchObject({ digits: '5', status: 'valid' });
      expect(receiver.events({ type: 'call.playback.started' })).toHaveLength(2);
    });

    it('reports invalid input against valid_digits, after playing the invalid prompt between tries', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall([{ press: '9' }, { press: '8' }]);
      await telnyx.calls.actions.gatherUsingAudio(call.callControlId, {
        audio_url: 'https://example.com/menu.mp3',
        invalid_audio_url: 'https://example.com/invalid.mp3',
        maximum_tries: 2,
        maximum_digits: 1,
        valid_digits: '123',
      });

      const gathered = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(gathered.body.data.payload).toMatchObject({ digits: '8', status: 'invalid' });
      const played = receiver.events({ type: 'call.playback.started' }).map((event) => event.body.data.payload['media_url']);
      expect(played).toEqual(['https://example.com/menu.mp3', 'https://example.com/invalid.mp3', 'https://example.com/menu.mp3']);
    });

    it('ends a plain gather at maximum_digits or the terminating digit, which is not part of digits', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall([{ press: '345' }, { press: '7#' }]);
      await telnyx.calls.actions.gather(call.callControlId, { maximum_digits: 2, gather_id: 'menu-1' });
      const first = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(first.body.data.payload).toMatchObject({ digits: '34', status: 'valid', gather_id: 'menu-1' });

      await receiver.waitFor((event) => event.body.data.payload['digit'] === '5', 3000, 'the third key press');
      receiver.clear();
      await telnyx.calls.actions.gather(call.callControlId, { minimum_digits: 1, maximum_digits: 4 });
      const second = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(second.body.data.payload).toMatchObject({ digits: '7', status: 'valid' });
    });

    it('stops a gather with gather_stop (status cancelled)', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall();
      await telnyx.calls.actions.gather(call.callControlId, {});
      await telnyx.calls.actions.stopGather(call.callControlId, {});
      const gathered = await receiver.waitForEvent('call.gather.ended', call.callControlId);
      expect(gathered.body.data.payload).toMatchObject({ digits: '', status: 'cancelled' });
    });

    it('plays hold music until stopped; a key press during hold becomes call.dtmf.received', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall([{ press: '1' }]);
      await telnyx.calls.actions.startPlayback(call.callControlId, { audio_url: 'https://example.com/hold.mp3', loop: 'infinity' });
      const dtmf = await receiver.waitForEvent('call.dtmf.received', call.callControlId);
      expect(dtmf.body.data.payload['digit']).toBe('1');
      expect(receiver.events({ type: 'call.playback.ended' })).toHaveLength(0);

      await telnyx.calls.actions.stopPlayback(call.callControlId, {});
      const ended = await receiver.waitForEvent('call.playback.ended', call.callControlId);
      expect(ended.body.data.payload).toMatchObject({ media_url: 'https://example.com/hold.mp3', status: 'cancelled' });
    });

    it('queues speak and playback and plays them in order', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall();
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'One', voice: 'female' });
      await telnyx.calls.actions.startPlayback(call.callControlId, { media_name: 'jingle' });
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'Two', voice: 'female' });
      await receiver.waitFor(() => receiver.events({ type: 'call.speak.ended' }).length === 2, 3000, 'two speak.ended');
      expect(receiver.types(call.callControlId).slice(2)).toEqual([
        'call.speak.started',
        'call.speak.ended',
        'call.playback.started',
        'call.playback.ended',
        'call.speak.started',
        'call.speak.ended',
      ]);
      expect(receiver.events({ type: 'call.playback.started' })[0]?.body.data.payload).toMatchObject({ media_name: 'jingle', media_url: null });
    });
  });

  describe('errors', () => {
    it('refuses commands after hangup with 422 90018, and records them in the timeline', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const call = await answeredCall();
      await telnyx.calls.actions.hangup(call.callControlId, { command_id: 'h-1' });
      const hangup = await receiver.waitForEvent('call.hangup', call.callControlId);
      expect(hangup.body.data.payload).toMatchObject({
        hangup_cause: 'normal_clearing',
        hangup_source: 'callee',
        sip_hangup_cause: '200',
        from: CALLER,
        to: NUMBER,
      });

      await expect(telnyxError(telnyx.calls.actions.speak(call.callControlId, { payload: 'Too late', voice: 'female' }))).resolves.toEqual({
        status: 422,
        code: '90018',
        title: 'Call has already ended',
      });
      await expect(telnyxError(telnyx.calls.actions.hangup(call.callControlId, {}))).resolves.toMatchObject({ code: '90018' });
      const commands = carrier.callTimeline(call.callControlId)?.timeline.filter((entry) => entry.kind === 'command');
      expect(commands?.map((entry) => [entry.kind === 'command' && entry.action, entry.kind === 'command' && entry.result])).toEqual([
        ['answer', 'ok'],
        ['hangup', 'ok'],
        ['speak', 'error'],
        ['hangup', 'error'],
      ]);
    });

    it('answers 422 90015 for an unknown call control id and 90034 for media before answer', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      await expect(telnyxError(telnyx.calls.actions.answer('v3:unknown', {}))).resolves.toEqual({
        status: 422,
        code: '90015',
        title: 'Invalid Call Control ID',
      });
      const call = carrier.placeCall({ from: CALLER, to: NUMBER });
      await receiver.waitForEvent('call.initiated', call.callControlId);
      await expect(telnyxError(telnyx.calls.actions.speak(call.callControlId, { payload: 'Hi', voice: 'female' }))).resolves.toEqual({
        status: 422,
        code: '90034',
        title: 'Call not answered yet',
      });
      await expect(telnyxError(telnyx.calls.actions.startRecording(call.callControlId, { format: 'mp3', channels: 'single' }))).resolves.toMatchObject({
        code: '90034',
      });
    });

    it('validates bodies with Telnyx error codes and pointers', async () => {
      const { baseUrl, telnyx } = sandbox;
      const call = await answeredCall();
      const missing = await fetch(`${baseUrl}/telnyx/v2/calls/${encodeURIComponent(call.callControlId)}/actions/speak`, {
        method: 'POST',
        headers: { authorization: 'Bearer KEY', 'content-type': 'application/json' },
        body: JSON.stringify({ voice: 'female' }),
      });
      expect(missing.status).toBe(422);
      expect(await missing.json()).toEqual({
        errors: [
          {
            code: '10004',
            title: 'Missing required parameter',
            detail: "The 'payload' parameter is required.",
            source: { pointer: '/payload' },
          },
        ],
      });
      await expect(
        telnyxError(telnyx.calls.actions.startRecording(call.callControlId, { format: 'ogg' as never, channels: 'single' })),
      ).resolves.toMatchObject({ status: 422, code: '10032' });
      await expect(telnyxError(telnyx.calls.actions.gather(call.callControlId, { maximum_digits: 500 }))).resolves.toMatchObject({
        code: '10033',
      });
      await expect(
        telnyxError(telnyx.calls.dial({ connection_id: 'c', from: CALLER, to: '4155550100' })),
      ).resolves.toMatchObject({ status: 422, code: '10016' });
    });

    it('requires a bearer token (401) and accepts an empty body sent with a JSON content type', async () => {
      const { baseUrl, carrier, receiver } = sandbox;
      const call = carrier.placeCall({ from: CALLER, to: NUMBER });
      await receiver.waitForEvent('call.initiated', call.callControlId);
      const url = `${baseUrl}/telnyx/v2/calls/${encodeURIComponent(call.callControlId)}/actions/answer`;

      const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('10009');

      const empty = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer anything', 'content-type': 'application/json', 'content-length': '0' },
      });
      expect(empty.status).toBe(200);
      expect(await empty.json()).toEqual({ data: { result: 'ok' } });
      await receiver.waitForEvent('call.answered', call.callControlId);
    });

    it('answers 404 with a Telnyx error body for actions the sandbox does not implement', async () => {
      const { telnyx } = sandbox;
      const call = await answeredCall();
      await expect(telnyxError(telnyx.calls.actions.enqueue(call.callControlId, { queue_name: 'support' }))).resolves.toMatchObject({
        status: 404,
        code: '10005',
      });
    });
  });

  describe('command_id', () => {
    it('ignores a repeated command_id on the same call control id (200, no second effect)', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const call = await answeredCall();
      const speak = { payload: 'Once only', voice: 'female', command_id: 'speak-1' };
      await expect(telnyx.calls.actions.speak(call.callControlId, speak)).resolves.toEqual({ data: { result: 'ok' } });
      await expect(telnyx.calls.actions.speak(call.callControlId, speak)).resolves.toEqual({ data: { result: 'ok' } });
      await receiver.waitForEvent('call.speak.ended', call.callControlId);
      await sleep(100);
      expect(receiver.events({ type: 'call.speak.started' })).toHaveLength(1);

      const speaks = carrier.callTimeline(call.callControlId)?.timeline.filter((entry) => entry.kind === 'command' && entry.action === 'speak');
      expect(speaks?.map((entry) => entry.kind === 'command' && [entry.commandId, entry.result])).toEqual([
        ['speak-1', 'ok'],
        ['speak-1', 'duplicate'],
      ]);
    });

    it('keeps answering a repeated command_id with the first answer even after the call ended', async () => {
      const { telnyx } = sandbox;
      const call = await answeredCall();
      await telnyx.calls.actions.hangup(call.callControlId, { command_id: 'bye' });
      await expect(telnyx.calls.actions.hangup(call.callControlId, { command_id: 'bye' })).resolves.toEqual({ data: { result: 'ok' } });
    });

    it('executes the command again once 60 s have passed', async () => {
      let offset = 0;
      const local = await startSandbox({ now: () => Date.now() + offset });
      try {
        const call = local.carrier.placeCall({ from: CALLER, to: NUMBER });
        await local.receiver.waitForEvent('call.initiated', call.callControlId);
        await local.telnyx.calls.actions.answer(call.callControlId, {});
        await local.telnyx.calls.actions.speak(call.callControlId, { payload: 'Hello', voice: 'female', command_id: 's' });
        offset = 61_000;
        await local.telnyx.calls.actions.speak(call.callControlId, { payload: 'Hello', voice: 'female', command_id: 's' });
        await local.receiver.waitFor(() => local.receiver.events({ type: 'call.speak.ended' }).length === 2, 3000, 'two speaks');
      } finally {
        await local.close();
      }
    });
  });

  describe('client_state and status', () => {
    it('applies client_state from client_state_update (PUT) to later webhooks and reports it in the call status', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall();
      const state = encode('{"w":"call-9","l":"caller"}');
      await expect(telnyx.calls.actions.updateClientState(call.callControlId, { client_state: state })).resolves.toEqual({
        data: { result: 'ok' },
      });
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'Hi', voice: 'female' });
      const started = await receiver.waitForEvent('call.speak.started', call.callControlId);
      expect(started.body.data.payload['client_state']).toBe(state);

      const status = await telnyx.calls.retrieveStatus(call.callControlId);
      expect(status.data).toMatchObject({
        call_control_id: call.callControlId,
        call_session_id: call.callSessionId,
        client_state: state,
        is_alive: true,
        record_type: 'call',
      });
      await telnyx.calls.actions.hangup(call.callControlId, {});
      await expect(telnyx.calls.retrieveStatus(call.callControlId)).resolves.toMatchObject({
        data: { is_alive: false, end_time: expect.any(String) },
      });
    });
  });

  describe('simulated callers hanging up', () => {
    it('drops a call the flow never acts on after 30 s (× speed) with hangup_cause timeout', async () => {
      const local = await startSandbox({ firstCommandTimeoutSecs: undefined });
      try {
        const call = local.carrier.placeCall({ from: CALLER, to: NUMBER });
        const hangup = await local.receiver.waitForEvent('call.hangup', call.callControlId, 2000);
        expect(hangup.body.data.payload).toMatchObject({ hangup_cause: 'timeout', hangup_source: 'unknown', call_quality_stats: null });
        const timeline = local.carrier.callTimeline(call.callControlId);
        expect((timeline?.legs[0]?.endedAt ?? 0) - (timeline?.legs[0]?.createdAt ?? 0)).toBeGreaterThanOrEqual(295);
      } finally {
        await local.close();
      }
    });

    it('abandons a parked call after hangUpAfterSecs: originator_cancel, caller, 487', async () => {
      const { carrier, receiver } = sandbox;
      const call = carrier.placeCall({ from: CALLER, to: NUMBER, hangUpAfterSecs: 2 });
      expect(carrier.findCall(call.callControlId)).toMatchObject({ ...call, direction: 'incoming', state: 'parked', endedAt: null });
      const hangup = await receiver.waitForEvent('call.hangup', call.callControlId);
      expect(hangup.body.data.payload).toMatchObject({
        hangup_cause: 'originator_cancel',
        hangup_source: 'caller',
        sip_hangup_cause: '487',
      });
      expect(carrier.findCall(call.callControlId)).toMatchObject({ state: 'ended', hangup: { cause: 'originator_cancel' }, endedAt: expect.any(Number) });
      expect(carrier.findCall('v3:unknown')).toBeNull();
    });

    it('hangs up at a given event: what is playing ends with call_hangup, a gather too, then call.hangup', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const call = carrier.placeCall({ from: CALLER, to: NUMBER, hangUpAtEvent: { type: 'call.speak.started', occurrence: 2 } });
      await receiver.waitForEvent('call.initiated', call.callControlId);
      await telnyx.calls.actions.answer(call.callControlId, {});
      await telnyx.calls.actions.gather(call.callControlId, { timeout_millis: 60_000, initial_timeout_millis: 60_000 });
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'First', voice: 'female' });
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'Second prompt is long enough', voice: 'female' });

      const hangup = await receiver.waitForEvent('call.hangup', call.callControlId);
      expect(hangup.body.data.payload).toMatchObject({ hangup_cause: 'normal_clearing', hangup_source: 'caller', sip_hangup_cause: '200' });
      expect(receiver.types(call.callControlId).slice(-4)).toEqual([
        'call.speak.started',
        'call.speak.ended',
        'call.gather.ended',
        'call.hangup',
      ]);
      expect(receiver.events({ type: 'call.speak.ended' })[1]?.body.data.payload['status']).toBe('call_hangup');
      expect(receiver.events({ type: 'call.gather.ended' })[0]?.body.data.payload['status']).toBe('call_hangup');
    });

    it('hangs up at a gather when the script says so', async () => {
      const { receiver, telnyx } = sandbox;
      const call = await answeredCall([{ hangup: true }]);
      await telnyx.calls.actions.gather(call.callControlId, {});
      const hangup = await receiver.waitForEvent('call.hangup', call.callControlId);
      expect(hangup.body.data.payload['hangup_source']).toBe('caller');
    });

    it('rejects a parked call with the requested cause', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const call = carrier.placeCall({ from: CALLER, to: NUMBER });
      await receiver.waitForEvent('call.initiated', call.callControlId);
      await telnyx.calls.actions.reject(call.callControlId, { cause: 'USER_BUSY' });
      const hangup = await receiver.waitForEvent('call.hangup', call.callControlId);
      expect(hangup.body.data.payload).toMatchObject({ hangup_cause: 'user_busy', sip_hangup_cause: '486' });
    });
  });

  it('refuses a non-positive speed', () => {
    expect(() => createSandboxCarrier({ webhookUrl: 'http://127.0.0.1:1/hook', speed: 0 })).toThrow(
      'Sandbox carrier speed must be a positive number (got 0).',
    );
  });
});
