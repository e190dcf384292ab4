import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VoicemailBody } from '@callflow/workflows';
import { VoicemailsRepository } from '../../src/voicemails/voicemails.repository';
import { openSeededCall, seedDirectory, seedTenant } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

describe('internal endpoints: voicemail', () => {
  let api: TestApp;
  let recordings: Server;
  let baseUrl: string;
  const hits = new Map<string, number>();
  const audio = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 37) % 256));

  beforeAll(async () => {
    api = await startTestApp();
    // Stands in for the carrier's short-lived recording URLs.
    recordings = createServer((request, response) => {
      hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1);
      if (request.url?.startsWith('/recordings/')) {
        response.writeHead(200, { 'content-type': 'audio/mpeg' });
        response.end(audio);
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => recordings.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(recordings.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => recordings.close(resolve));
  });

  async function callOfNewTenant(): Promise<{ tenantId: string; callId: string; number: string }> {
    const tenantId = await seedTenant(api);
    await seedDirectory(api, tenantId, {
      mailboxes: [
        { id: 'mb-office', name: 'Office', ownerAgentId: null, greeting: null, notifyEmails: [], notifySms: [], transcribe: false, maxLengthSecs: 120 },
      ],
    });
    const call = await openSeededCall(api, tenantId);
    return { tenantId, callId: call.id, number: call.to };
  }

  function body(tenantId: string, callId: string, overrides: Partial<VoicemailBody> = {}): VoicemailBody {
    return {
      tenantId,
      callId,
      mailboxId: 'mb-office',
      callerNumber: '+15125550143',
      recordingUrl: `${baseUrl}/recordings/${randomUUID()}.mp3`,
      durationSecs: 23.4,
      transcribe: true,
      notifyEmails: ['office@rapidrooter.example', 'owner@rapidrooter.example'],
      notifySms: ['+14155550123'],
      ...overrides,
    };
  }

  it('fetches the recording, stores its bytes, and writes one outbox message per recipient', async () => {
    const { tenantId, callId, number } = await callOfNewTenant();
    const request = body(tenantId, callId);

    const response = await api.internal('post', '/api/internal/voicemails').send(request);

    expect(response.status).toBe(200);
    const voicemailId: string = response.body.voicemailId;
    const repository = api.get(VoicemailsRepository);
    const stored = await repository.findVoicemail(voicemailId);
    expect(stored).toMatchObject({
      tenantId,
      callId,
      mailboxId: 'mb-office',
      callerNumber: '+15125550143',
      durationSecs: 23,
      contentType: 'audio/mpeg',
      transcription: null,
      readAt: null,
    });
    expect(stored?.audio.equals(audio)).toBe(true);
    const messages = await repository.outboundMessages(voicemailId);
    // Texts go out from the number the caller dialled. (The API may be sending them already: see notifications.e2e.spec.ts.)
    expect(messages.map(({ channel, recipient, sender }) => ({ channel, recipient, sender }))).toEqual([
      { channel: 'email', recipient: 'office@rapidrooter.example', sender: null },
      { channel: 'email', recipient: 'owner@rapidrooter.example', sender: null },
      { channel: 'sms', recipient: '+14155550123', sender: number },
    ]);
    expect(messages[0]).toMatchObject({ subject: 'New voicemail from +15125550143', body: 'New voicemail in Office from +15125550143 (23 s).' });
  });

  it('saves a retried request once: same id, no second fetch, no second notification', async () => {
    const { tenantId, callId } = await callOfNewTenant();
    const request = body(tenantId, callId);

    const first = await api.internal('post', '/api/internal/voicemails').send(request).expect(200);
    const again = await api.internal('post', '/api/internal/voicemails').send(request).expect(200);

    expect(again.body.voicemailId).toBe(first.body.voicemailId);
    expect(hits.get(new URL(request.recordingUrl).pathname)).toBe(1);
    expect(await api.get(VoicemailsRepository).outboundMessages(first.body.voicemailId)).toHaveLength(3);
  });

  it('answers 502 when the recording cannot be fetched, and 404 for an unknown call', async () => {
    const { tenantId, callId } = await callOfNewTenant();
    const gone = await api.internal('post', '/api/internal/voicemails').send(body(tenantId, callId, { recordingUrl: `${baseUrl}/expired.mp3` }));
    expect(gone.status).toBe(502);
    expect(gone.body.message).toContain('HTTP 404');
    const rows: unknown[] = await api.dataSource.query('SELECT 1 FROM voicemails WHERE call_id = $1', [callId]);
    expect(rows).toHaveLength(0);

    const unknown = await api.internal('post', '/api/internal/voicemails').send(body(tenantId, randomUUID()));
    expect(unknown.status).toBe(404);
  });
});
