import { startSandbox, telnyxError, type SandboxHarness } from './sandbox-harness';

const CALLER = '+15125550143';
const NUMBER = '+14155550199';
const MESSAGE = 'Hi, this is Bob from accounting, please call me back about the invoice';

describe('sandbox carrier: recordings and SMS', () => {
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

  async function answeredCall(script: { say: string } | { hangup: true } | { silence: true }[] = []) {
    const call = sandbox.carrier.placeCall({ from: CALLER, to: NUMBER, script: Array.isArray(script) ? script : [script] });
    await sandbox.receiver.waitForEvent('call.initiated', call.callControlId);
    await sandbox.telnyx.calls.actions.answer(call.callControlId, {});
    return call;
  }

  it('records what the caller says, saves it after the caller hangs up, and serves the WAV and the transcript', async () => {
    const { baseUrl, carrier, receiver, telnyx } = sandbox;
    const call = carrier.placeCall({ from: CALLER, to: NUMBER, script: [{ say: MESSAGE }, { hangup: true }] });
    await receiver.waitForEvent('call.initiated', call.callControlId);
    await telnyx.calls.actions.answer(call.callControlId, {});
    await telnyx.calls.actions.startRecording(call.callControlId, {
      format: 'mp3',
      channels: 'single',
      play_beep: true,
      timeout_secs: 5,
      max_length: 120,
    });

    const saved = await receiver.waitForEvent('call.recording.saved', call.callControlId);
    const types = receiver.types(call.callControlId);
    expect(types.indexOf('call.hangup')).toBeLessThan(types.indexOf('call.recording.saved'));
    const payload = saved.body.data.payload;
    expect(payload).toMatchObject({
      call_control_id: call.callControlId,
      call_session_id: call.callSessionId,
      channels: 'single',
      format: 'mp3',
      recording_id: expect.any(String),
      recording_started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      recording_ended_at: expect.any(String),
      public_recording_urls: {},
      end_time: expect.any(String),
    });
    expect(payload).not.toHaveProperty('from');
    const recordingId = String(payload['recording_id']);
    const urls = payload['recording_urls'] as Record<string, string>;
    expect(Object.keys(urls)).toEqual(['mp3']);
    expect(urls['mp3']).toBe(`${baseUrl}/recordings/${recordingId}`);

    const audio = await fetch(urls['mp3'] ?? '');
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await audio.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');

    expect(carrier.recordingTranscript(recordingId)).toBe(MESSAGE);
    const transcript = await fetch(`${baseUrl}/control/recordings/${recordingId}/transcript`);
    expect(await transcript.json()).toEqual({ recordingId, transcript: MESSAGE });
  });

  it('stops the recording after timeout_secs of silence following the speech, while the call goes on', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const call = await answeredCall({ say: 'Short message' });
    await telnyx.calls.actions.startRecording(call.callControlId, { format: 'wav', channels: 'dual', timeout_secs: 3 });
    const saved = await receiver.waitForEvent('call.recording.saved', call.callControlId);
    expect(receiver.events({ type: 'call.hangup' })).toHaveLength(0);
    const recording = carrier.recording(String(saved.body.data.payload['recording_id']));
    expect(recording?.transcript).toBe('Short message');
    // 0.5 s lead + 0.8 s of speech + 3 s of silence, at speed 0.01: ~43 ms of wall-clock time.
    const lengthMs = (recording?.endedAt ?? 0) - (recording?.startedAt ?? 0);
    expect(lengthMs).toBeGreaterThanOrEqual(40);
    expect(lengthMs).toBeLessThan(400);
    expect(Object.keys(saved.body.data.payload['recording_urls'] as object)).toEqual(['wav']);
  });

  it('cuts the speech at max_length: the transcript holds the words said until then', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    // 56 words take 22 s to say: far longer than max_length, even if timers run late on a busy machine.
    const longMessage = [MESSAGE, MESSAGE, MESSAGE, MESSAGE].join(' ');
    const call = await answeredCall({ say: longMessage });
    await telnyx.calls.actions.startRecording(call.callControlId, { format: 'mp3', channels: 'single', max_length: 2 });
    const saved = await receiver.waitForEvent('call.recording.saved', call.callControlId);
    const transcript = carrier.recordingTranscript(String(saved.body.data.payload['recording_id'])) ?? '';
    expect(transcript.length).toBeGreaterThan(0);
    expect(longMessage.startsWith(transcript)).toBe(true);
    expect(transcript.split(' ').length).toBeLessThan(longMessage.split(' ').length / 2);
  });

  it('saves an empty recording on record_stop when the caller said nothing', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const call = await answeredCall([{ silence: true }]);
    await telnyx.calls.actions.startRecording(call.callControlId, { format: 'mp3', channels: 'single' });
    await expect(
      telnyxError(telnyx.calls.actions.startRecording(call.callControlId, { format: 'mp3', channels: 'single' })),
    ).resolves.toMatchObject({ status: 422 });
    await telnyx.calls.actions.stopRecording(call.callControlId, {});
    const saved = await receiver.waitForEvent('call.recording.saved', call.callControlId);
    expect(carrier.recordingTranscript(String(saved.body.data.payload['recording_id']))).toBe('');
  });

  it('echoes on call.recording.saved the client_state the recording was started with, not the one the leg has later', async () => {
    const { receiver, telnyx } = sandbox;
    const call = await answeredCall([{ silence: true }]);
    await telnyx.calls.actions.startRecording(call.callControlId, { format: 'mp3', channels: 'single', client_state: 'cmVjb3JkaW5n' });
    await telnyx.calls.actions.updateClientState(call.callControlId, { client_state: 'bGF0ZXI=' });
    await telnyx.calls.actions.stopRecording(call.callControlId, {});
    const saved = await receiver.waitForEvent('call.recording.saved', call.callControlId);
    expect(saved.body.data.payload['client_state']).toBe('cmVjb3JkaW5n');
  });

  it('records from answer and returns the recording_id in the answer response', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const call = carrier.placeCall({ from: CALLER, to: NUMBER });
    await receiver.waitForEvent('call.initiated', call.callControlId);
    const answer = await telnyx.calls.actions.answer(call.callControlId, { record: 'record-from-answer', record_format: 'wav' });
    expect(answer.data).toEqual({ result: 'ok', recording_id: expect.any(String) });
    await telnyx.calls.actions.hangup(call.callControlId, {});
    const saved = await receiver.waitForEvent('call.recording.saved', call.callControlId);
    expect(saved.body.data.payload).toMatchObject({ recording_id: answer.data?.recording_id, channels: 'dual', format: 'wav' });
  });

  it('sends an SMS: the message record at once, then message.sent and message.finalized (delivered)', async () => {
    const { carrier, receiver, telnyx } = sandbox;
    const response = await telnyx.messages.send({ from: NUMBER, to: CALLER, text: 'Your callback is booked for 4pm.' });
    expect(response.data).toMatchObject({
      record_type: 'message',
      direction: 'outbound',
      type: 'SMS',
      text: 'Your callback is booked for 4pm.',
      from: { phone_number: NUMBER },
      to: [{ phone_number: CALLER, status: 'queued' }],
    });
    const finalized = await receiver.waitForEvent('message.finalized');
    expect(receiver.types()).toEqual(['message.sent', 'message.finalized']);
    expect(receiver.events({ type: 'message.sent' })[0]?.body.data.payload).toMatchObject({
      id: response.data?.id,
      to: [{ phone_number: CALLER, status: 'sent' }],
      sent_at: expect.any(String),
    });
    expect(finalized.body.data.payload).toMatchObject({
      id: response.data?.id,
      to: [{ phone_number: CALLER, status: 'delivered' }],
      completed_at: expect.any(String),
    });
    expect(receiver.deliveries.every((delivery) => delivery.verified && delivery.schemaError === null)).toBe(true);
    expect(carrier.messages()).toEqual([
      expect.objectContaining({ id: response.data?.id, to: CALLER, from: NUMBER, text: 'Your callback is booked for 4pm.', status: 'delivered' }),
    ]);
  });

  it('refuses an SMS to a number that is not E.164, or without text', async () => {
    const { telnyx } = sandbox;
    await expect(telnyxError(telnyx.messages.send({ from: NUMBER, to: '5125550143', text: 'Hi' }))).resolves.toMatchObject({
      status: 422,
      code: '10016',
    });
    await expect(telnyxError(telnyx.messages.send({ from: NUMBER, to: CALLER }))).resolves.toMatchObject({ status: 422, code: '10004' });
  });
});
