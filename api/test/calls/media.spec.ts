import request from 'supertest';
import type { AuditEntry, CallDetail, Recording, RecordingPage, RetentionSettings, Voicemail, VoicemailPage } from '@callflow/schemas';
import { MediaRetentionService } from '../../src/calls/media-retention.service';
import { RecordingsRepository } from '../../src/calls/recordings.repository';
import { TEST_PASSWORD, createTenantWithUsers, login, uniqueEmail, type TenantLogins } from '../support/logins';
import { startTestApp, type TestApp } from '../support/test-app';
import { fakeAudio, seedCall, seedRecording, seedSupportLine, voicemailOf, type SeededCall, type SupportLine } from './call-fixtures';

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let line: SupportLine;
let globexLine: SupportLine;
let bob: { authorization: string };
const http = () => request(app.app.getHttpServer());
const AUDIO = fakeAudio();

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app, { agentId: 'ann', seed: async (tenantId) => void (line = await seedSupportLine(app, tenantId)) });
  globex = await createTenantWithUsers(app, { agentId: 'ann', seed: async (tenantId) => void (globexLine = await seedSupportLine(app, tenantId)) });
  const email = uniqueEmail('bob');
  await http().post('/api/users').set(acme.as('owner')).send({ email, name: 'Bob', password: TEST_PASSWORD, role: 'agent', agentId: 'bob' }).expect(201);
  bob = { authorization: `Bearer ${(await login(app, email)).accessToken}` };
}, 60_000);
afterAll(() => app.close());

const recent = () => new Date(Date.now() - 60_000);
const voicemailCall = (target: SupportLine = line) => seedCall(app, target, { startedAt: recent(), script: { type: 'voicemail', lengthSecs: 12 } });
const answeredCall = (target: SupportLine = line) =>
  seedCall(app, target, { startedAt: recent(), script: { type: 'answered', answeredBy: target.agents.ann, alsoRung: [target.agents.bob], waitSecs: 4, talkSecs: 30 } });

async function auditCount(action: string, targetId: string): Promise<number> {
  const entries = (await http().get('/api/audit').query({ action, limit: 500 }).set(acme.as('owner')).expect(200)).body as AuditEntry[];
  return entries.filter((entry) => entry.targetId === targetId).length;
}

/** The audio routes of a voicemail or a recording answer alike. */
describe.each([
  ['voicemail', async () => (await voicemailOf(app, (await voicemailCall()).id)).id, (id: string) => `/api/voicemails/${id}/audio`, 'voicemail.accessed'],
  ['recording', async () => seedRecording(app, line, (await answeredCall()).id), (id: string) => `/api/recordings/${id}/audio`, 'recording.accessed'],
])('%s audio', (_kind, seed, audioPath, accessed) => {
  let id: string;
  beforeAll(async () => {
    id = await seed();
  });

  const get = (range?: string) => {
    const call = http().get(audioPath(id)).set(acme.as('supervisor')).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return range === undefined ? call : call.set('range', range);
  };

  it('streams the whole file, saying that ranges are accepted', async () => {
    const response = await get().expect(200);
    expect(Buffer.compare(response.body as Buffer, AUDIO)).toBe(0);
    expect(response.headers).toMatchObject({ 'accept-ranges': 'bytes', 'content-length': '1000', 'x-content-type-options': 'nosniff' });
    expect(response.headers['content-type']).toMatch(/^audio\/(wav|mpeg)$/);
  });

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=990-', 990, 999],
    ['bytes=-5', 995, 999],
    ['bytes=900-5000', 900, 999],
  ])('answers %s with 206 and exactly those bytes', async (range, start, end) => {
    const response = await get(range).expect(206);
    expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(Buffer.compare(response.body as Buffer, AUDIO.subarray(start, end + 1))).toBe(0);
  });

  it('answers 416 to a range past the end, and the whole file to ranges it does not serve', async () => {
    expect((await get('bytes=1000-').expect(416)).headers['content-range']).toBe('bytes */1000');
    expect(((await get('bytes=0-1,5-6').expect(200)).body as Buffer).length).toBe(1000);
    expect(((await get('items=0-5').expect(200)).body as Buffer).length).toBe(1000);
    expect(((await get('bytes=9-2').expect(200)).body as Buffer).length).toBe(1000);
  });

  it(`audits every access as ${accessed} (not refusals)`, async () => {
    const before = await auditCount(accessed, id);
    await get().expect(200);
    await get('bytes=0-9').expect(206);
    await get('bytes=5000-').expect(416);
    expect(await auditCount(accessed, id)).toBe(before + 2);
  });
});

describe('voicemails', () => {
  let first: SeededCall;
  let second: SeededCall;
  let firstId: string;
  let secondId: string;
  beforeAll(async () => {
    first = await voicemailCall();
    second = await voicemailCall();
    firstId = (await voicemailOf(app, first.id)).id;
    secondId = (await voicemailOf(app, second.id)).id;
  });
  const list = async (auth: { authorization: string }, query: Record<string, string | number> = {}) =>
    ((await http().get('/api/voicemails').query(query).set(auth).expect(200)).body as VoicemailPage).voicemails.map((voicemail) => voicemail.id);

  it('lists newest first, pages, and shows an agent only the mailboxes it owns', async () => {
    const all = await list(acme.as('supervisor'));
    expect(all.indexOf(secondId)).toBeLessThan(all.indexOf(firstId));
    expect(await list(acme.as('agent'))).toEqual(all);
    expect(await list(bob)).toEqual([]);
    const page = (await http().get('/api/voicemails').query({ limit: 1 }).set(acme.as('supervisor')).expect(200)).body as VoicemailPage;
    const next = (await http().get('/api/voicemails').query({ limit: 1, cursor: page.nextCursor }).set(acme.as('supervisor')).expect(200)).body as VoicemailPage;
    expect([...page.voicemails, ...next.voicemails].map((voicemail) => voicemail.id)).toEqual(all.slice(0, 2));
    expect(await list(acme.as('supervisor'), { mailboxId: 'elsewhere' })).toEqual([]);
  });

  it('marks a voicemail read once (the first time stays), and filters on it', async () => {
    const read = (await http().post(`/api/voicemails/${firstId}/read`).set(acme.as('agent')).expect(200)).body as Voicemail;
    expect(read.readAt).not.toBeNull();
    const again = (await http().post(`/api/voicemails/${firstId}/read`).set(acme.as('supervisor')).expect(200)).body as Voicemail;
    expect(again.readAt).toBe(read.readAt);
    expect(await list(acme.as('supervisor'), { unread: 'true' })).not.toContain(firstId);
    expect(await list(acme.as('supervisor'), { unread: 'true' })).toContain(secondId);
    expect(await list(acme.as('supervisor'), { unread: 'false' })).toContain(firstId);
  });

  it('hides another agent’s mailbox from an agent (404 for every route)', async () => {
    await http().get(`/api/voicemails/${secondId}`).set(bob).expect(404);
    await http().get(`/api/voicemails/${secondId}/audio`).set(bob).expect(404);
    await http().post(`/api/voicemails/${secondId}/read`).set(bob).expect(404);
    await http().delete(`/api/voicemails/${secondId}`).set(bob).expect(404);
    expect(((await http().get(`/api/voicemails/${secondId}`).set(acme.as('supervisor')).expect(200)).body as Voicemail).readAt).toBeNull();
  });

  it('deletes a voicemail (audited); the call keeps its record', async () => {
    await http().delete(`/api/voicemails/${secondId}`).set(acme.as('agent')).expect(204);
    await http().get(`/api/voicemails/${secondId}`).set(acme.as('supervisor')).expect(404);
    await http().delete(`/api/voicemails/${secondId}`).set(acme.as('supervisor')).expect(404);
    expect(await auditCount('voicemail.deleted', secondId)).toBe(1);
    const call = (await http().get(`/api/calls/${second.id}`).set(acme.as('supervisor')).expect(200)).body as CallDetail;
    expect(call).toMatchObject({ outcome: { result: 'voicemail' }, voicemails: [] });
  });
});

describe('recordings', () => {
  let call: SeededCall;
  let recordingId: string;
  beforeAll(async () => {
    call = await answeredCall();
    recordingId = await seedRecording(app, line, call.id);
  });

  it('lists a call’s recordings; an agent sees those of the calls it answered, not those it was only rung for', async () => {
    const page = (await http().get('/api/recordings').query({ callId: call.id }).set(acme.as('supervisor')).expect(200)).body as RecordingPage;
    expect(page.recordings).toEqual<Recording[]>([
      { id: recordingId, callId: call.id, startedAt: expect.any(String), durationSecs: 42, contentType: 'audio/mpeg', createdAt: expect.any(String), audioUrl: `/api/recordings/${recordingId}/audio` },
    ]);
    expect(((await http().get('/api/recordings').query({ callId: call.id }).set(acme.as('agent')).expect(200)).body as RecordingPage).recordings).toHaveLength(1);
    expect(((await http().get('/api/recordings').query({ callId: call.id }).set(bob).expect(200)).body as RecordingPage).recordings).toEqual([]);
    await http().get(`/api/recordings/${recordingId}/audio`).set(bob).expect(404);
    const detail = (await http().get(`/api/calls/${call.id}`).set(acme.as('supervisor')).expect(200)).body as CallDetail;
    expect(detail.recordings.map((recording) => recording.id)).toEqual([recordingId]);
  });

  it('serves audio the carrier labelled as something else as opaque bytes', async () => {
    const odd = await seedRecording(app, line, call.id, `https://recordings.example/odd.html`, 'text/html');
    const response = await http().get(`/api/recordings/${odd}/audio`).set(acme.as('supervisor')).expect(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
  });

  it('keeps a voicemail’s audio reported as a recording out of the recordings, and drops the copy', async () => {
    const message = await voicemailCall();
    const { recordingUrl } = await voicemailOf(app, message.id);
    const copy = await seedRecording(app, line, message.id, recordingUrl);
    await http().get(`/api/recordings/${copy}`).set(acme.as('supervisor')).expect(404);
    expect(((await http().get('/api/recordings').query({ callId: message.id }).set(acme.as('supervisor')).expect(200)).body as RecordingPage).recordings).toEqual([]);
    await app.get(RecordingsRepository).dropVoicemailCopies(message.id);
    expect(await app.dataSource.query('SELECT 1 FROM call_recordings WHERE id = $1', [copy])).toEqual([]);
  });

  it('deletes a recording (supervisors and above, audited); the call keeps its record', async () => {
    await http().delete(`/api/recordings/${recordingId}`).set(acme.as('agent')).expect(403);
    await http().delete(`/api/recordings/${recordingId}`).set(acme.as('supervisor')).expect(204);
    await http().get(`/api/recordings/${recordingId}`).set(acme.as('supervisor')).expect(404);
    expect(await auditCount('recording.deleted', recordingId)).toBe(1);
    await http().get(`/api/calls/${call.id}`).set(acme.as('supervisor')).expect(200);
  });
});

describe('retention', () => {
  it('is off until an admin sets it; each change is audited', async () => {
    expect((await http().get('/api/settings/retention').set(acme.as('admin')).expect(200)).body).toEqual({ audioRetentionDays: null });
    expect((await http().put('/api/settings/retention').set(acme.as('admin')).send({ audioRetentionDays: 30 }).expect(200)).body).toEqual({ audioRetentionDays: 30 });
    expect((await http().get('/api/settings/retention').set(acme.as('owner')).expect(200)).body).toEqual<RetentionSettings>({ audioRetentionDays: 30 });
    const entries = (await http().get('/api/audit').query({ action: 'settings.retention_changed' }).set(acme.as('owner')).expect(200)).body as AuditEntry[];
    expect(entries[0]).toMatchObject({ targetId: acme.tenantId, details: { from: null, to: 30 } });
    expect((await http().get('/api/settings/retention').set(globex.as('owner')).expect(200)).body).toEqual({ audioRetentionDays: null });
  });

  it('purges audio older than the period, keeps newer audio, the call records, and tenants without a period', async () => {
    await http().put('/api/settings/retention').set(acme.as('admin')).send({ audioRetentionDays: 30 }).expect(200);
    const old = { answered: await answeredCall(), message: await voicemailCall() };
    const oldRecording = await seedRecording(app, line, old.answered.id);
    const oldVoicemail = (await voicemailOf(app, old.message.id)).id;
    const fresh = await voicemailCall();
    const freshVoicemail = (await voicemailOf(app, fresh.id)).id;
    const globexMessage = await voicemailCall(globexLine);
    const globexVoicemail = (await voicemailOf(app, globexMessage.id)).id;
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await app.dataSource.query('UPDATE call_recordings SET created_at = $2 WHERE id = $1', [oldRecording, longAgo]);
    await app.dataSource.query('UPDATE voicemails SET created_at = $2 WHERE id = ANY($1)', [[oldVoicemail, globexVoicemail], longAgo]);

    const purged = await app.get(MediaRetentionService).purge();
    expect(purged.recordings).toBeGreaterThanOrEqual(1);
    expect(purged.voicemails).toBeGreaterThanOrEqual(1);

    expect(((await http().get(`/api/recordings/${oldRecording}`).set(acme.as('supervisor')).expect(200)).body as Recording).audioUrl).toBeNull();
    await http().get(`/api/recordings/${oldRecording}/audio`).set(acme.as('supervisor')).expect(410);
    expect(((await http().get(`/api/voicemails/${oldVoicemail}`).set(acme.as('supervisor')).expect(200)).body as Voicemail).audioUrl).toBeNull();
    await http().get(`/api/voicemails/${oldVoicemail}/audio`).set(acme.as('supervisor')).expect(410);
    await http().get(`/api/voicemails/${freshVoicemail}/audio`).set(acme.as('supervisor')).expect(200);
    await http().get(`/api/voicemails/${globexVoicemail}/audio`).set(globex.as('supervisor')).expect(200);
    expect(await app.dataSource.query('SELECT octet_length(audio) AS bytes FROM voicemails WHERE id = $1', [oldVoicemail])).toEqual([{ bytes: 0 }]);
    for (const callId of [old.answered.id, old.message.id]) await http().get(`/api/calls/${callId}`).set(acme.as('supervisor')).expect(200);
    expect(await app.get(MediaRetentionService).purge()).toEqual({ recordings: 0, voicemails: 0 });
  });
});
