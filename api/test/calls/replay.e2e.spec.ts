import request from 'supertest';
import type { AuditEntry, CallDetail, CallMetricsReport, CallPage, CallReplay, CallStep, CallStepEvent, RecordingPage, VoicemailPage } from '@callflow/schemas';
import { isGrpcServiceError } from '@temporalio/client';
import { CallStack, eventsOfType, flowDocument, spoken, tts, waitFor, type CallResult } from '../e2e/call-stack';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, seedDirectory, seedNumberWithFlow } from '../support/seed';
import type { TestApp } from '../support/test-app';

/*
 * Real calls through the whole path (sandbox carrier → webhook → Temporal → worker), then their replay: from the
 * Temporal history, and from the copy in PostgreSQL once Temporal has deleted the workflow.
 */

const CALLER = '+12125550147';
const RITA = 'rita';
const sandboxAddress = (agentId: string) => `sip:${agentId}@sandbox.callflow.test`;
const WORDS = 'Hi, this is Dana, the boiler is making noises again.';

const frontDesk = flowDocument(
  [
    { id: 'start', kind: 'entry' },
    { id: 'menu', kind: 'menu', config: { prompt: tts('Press 1 for the desk, 2 to leave a message.'), options: [{ digit: '1', label: 'Desk' }, { digit: '2', label: 'Message' }], timeoutSecs: 3 } },
    { id: 'rec', kind: 'record', config: { action: 'start', consentPrompt: tts('This call may be recorded.'), channels: 'single', format: 'mp3' } },
    { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'desk' }, announce: tts('Connecting you.') } },
    { id: 'vm', kind: 'voicemail', config: { mailboxId: 'office', greeting: tts('Leave a message after the beep.') } },
    { id: 'bye', kind: 'hang-up' },
  ],
  ['start.next -> menu', 'menu.1 -> rec', 'rec.next -> ring', 'menu.2 -> vm', 'menu.timeout -> bye', 'ring.answered -> bye', 'ring.noAnswer -> vm', 'vm.next -> bye'],
);

/** Bound on how far the live clock of a workflow task runs ahead of its start (carrier commands are local activities of at most 4 s). */
const WORKFLOW_TASK_DRIFT_MS = 5000;

function withoutInstants(steps: CallStep[]): unknown[] {
  return steps.map(({ enteredAt: _enteredAt, offsetMs: _offsetMs, durationMs, events, ...step }) => ({
    ...step,
    ended: durationMs !== null,
    events: events.map(({ at: _at, offsetMs: _eventOffset, ...event }) => event),
  }));
}

const instantsOf = (steps: CallStep[]): number[] => steps.flatMap((step) => step.events.map((event) => Date.parse(event.at)));

describe('replay of real calls', () => {
  let stack: CallStack;
  let tenant: TenantLogins;
  let number: string;
  let answered: CallResult;
  let voicemail: CallResult;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await CallStack.start();
    tenant = await createTenantWithUsers({ app: stack.app } as TestApp, {
      agentId: RITA,
      seed: async (tenantId) => {
        await seedDirectory(stack.asTestApp(), tenantId, {
          agents: [agent(RITA, '401', { name: 'Rita' }), agent('sam', '402', { name: 'Sam' })],
          ringGroups: [{ id: 'desk', name: 'Desk', members: [{ agentId: RITA, priority: 1 }, { agentId: 'sam', priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 30 }],
          mailboxes: [{ id: 'office', name: 'Office', ownerAgentId: RITA, greeting: null, notifyEmails: [], notifySms: [], transcribe: false, maxLengthSecs: 60 }],
        });
        number = (await seedNumberWithFlow(stack.asTestApp(), tenantId, frontDesk)).number;
      },
    });
    stack.sandbox.setEndpoint(sandboxAddress(RITA), { answer: 'after', afterSecs: 1, talkSecs: null });
    stack.sandbox.setEndpoint(sandboxAddress('sam'), { answer: 'never' });
    // The menu takes the first action; the record node's recording, or the voicemail, the next.
    answered = await stack.call({ from: CALLER, to: number, script: [{ press: '1' }, { silence: true }], hangUpAtEvent: { type: 'call.bridged', afterSecs: 2 } });
    voicemail = await stack.call({ from: CALLER, to: number, script: [{ press: '2' }, { say: WORDS }, { hangup: true }] });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const replayOf = async (callId: string) => (await http().get(`/api/calls/${callId}/replay`).set(tenant.as('supervisor')).expect(200)).body as CallReplay;
  const detailOf = async (callId: string) => (await http().get(`/api/calls/${callId}`).set(tenant.as('supervisor')).expect(200)).body as CallDetail;
  const archived = (callId: string) =>
    waitFor(`the history of ${callId} in PostgreSQL`, async () => (await stack.dataSource.query('SELECT 1 FROM call_histories WHERE call_id = $1', [callId])).length > 0);
  const recordingsOf = async (callId: string) => ((await http().get('/api/recordings').query({ callId }).set(tenant.as('supervisor')).expect(200)).body as RecordingPage).recordings;
  const eventsIn = (replay: CallReplay): CallStepEvent[] => replay.steps.flatMap((step) => step.events);

  async function deleteFromTemporal(workflowId: string): Promise<void> {
    await stack.client.workflowService.deleteWorkflowExecution({ namespace: stack.client.options.namespace, workflowExecution: { workflowId } });
    // Temporal deletes in the background: on a loaded machine it can take a while.
    await waitFor(
      `Temporal to forget ${workflowId}`,
      async () => {
        try {
          await stack.client.workflow.getHandle(workflowId).fetchHistory();
          return false;
        } catch (error) {
          return isGrpcServiceError(error) && error.code === 5;
        }
      },
      60_000,
    );
  }

  it.each([
    ['answered by an agent', () => answered],
    ['ending in a voicemail', () => voicemail],
  ])('replays a call %s the same from Temporal and, once Temporal deleted it, from PostgreSQL', async (_name, result) => {
    const { call, workflowId } = result();
    await archived(call.id);
    const fromTemporal = await replayOf(call.id);
    expect(fromTemporal.source).toBe('temporal');
    // What the workflow recorded live, step by step, is what its history replays to. The instants are the
    // workflow's clock: replayed, it reads the start of the workflow task that handled the event; live, the worker's
    // clock moves on within a task while carrier commands (local activities) complete.
    const live = (await detailOf(call.id)).steps;
    expect(withoutInstants(fromTemporal.steps)).toEqual(withoutInstants(live));
    const drift = instantsOf(fromTemporal.steps).map((instant, index) => Math.abs(instant - instantsOf(live)[index]!));
    expect(Math.max(...drift)).toBeLessThan(WORKFLOW_TASK_DRIFT_MS);

    await deleteFromTemporal(workflowId);
    const fromArchive = await replayOf(call.id);
    expect(fromArchive.source).toBe('archive');
    expect({ ...fromArchive, source: 'temporal' }).toEqual(fromTemporal);
  }, 120_000);

  it('replays what happened: prompts, digits, agents rung and who answered, on the version the call ran on', async () => {
    const replay = await replayOf(answered.call.id);
    expect(replay.flow).toMatchObject({ id: answered.call.flowId, versionId: answered.call.flowVersionId, versionNumber: 1 });
    expect(replay.flow.document).toMatchObject({ nodes: expect.arrayContaining([expect.objectContaining({ id: 'ring', kind: 'ring-group' })]) });
    // The caller hung up during the conversation, and the carrier ends the agent's leg too; the two reports come in
    // either order: the call ends on the ring group, or the agent's leg ending first leaves it for the hang-up node.
    const path = replay.steps.map((step) => [step.node, step.exitPort]);
    const throughRing = [['start', 'next'], ['menu', '1'], ['rec', 'next']];
    expect([
      [...throughRing, ['ring', null]],
      [...throughRing, ['ring', 'answered'], ['bye', null]],
    ]).toContainEqual(path);
    const events = eventsIn(replay);
    // The prompts the caller heard, as the carrier spoke them.
    expect(events.flatMap((event) => (event.type === 'prompt.played' && event.text ? [event.text] : []))).toEqual(spoken(answered));
    expect(events.filter((event) => event.type === 'digits.received').map((event) => event.type === 'digits.received' && event.digits)).toEqual(['1']);
    const legs = await stack.endedLegs(answered.workflowId, 2);
    expect(events.find((event) => event.type === 'agents.rung')).toMatchObject({ targets: ['Rita (401)', 'Sam (402)'] });
    expect(legs.map((leg) => leg.to).sort()).toEqual([sandboxAddress(RITA), sandboxAddress('sam')]);
    expect(events.find((event) => event.type === 'agent.answered')).toMatchObject({ agentId: RITA, target: 'Rita (401)' });
    expect(eventsOfType(answered, 'agent.answered')).toHaveLength(1);
    // Timestamps: in order, relative to the call's start, and the steps' durations add up to the call.
    const offsets = events.map((event) => event.offsetMs);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    const endedAt = Date.parse(replay.call.endedAt ?? '');
    const lastStep = replay.steps.at(-1)!;
    expect(replay.steps.reduce((total, step) => total + (step.durationMs ?? 0), replay.steps[0]!.offsetMs)).toBe(lastStep.offsetMs + (lastStep.durationMs ?? 0));
    expect(Math.abs(Date.parse(replay.call.startedAt) + lastStep.offsetMs - endedAt)).toBeLessThan(5000);
    expect(replay.call).toMatchObject({ answeredByAgentId: RITA, outcome: { result: 'answered' } });
  }, 60_000);

  it('keeps the record node’s recording, which the carrier reports after the caller hung up, and links it', async () => {
    const [recording] = await waitFor('the recording of the answered call', async () => {
      const recordings = await recordingsOf(answered.call.id);
      return recordings.length === 1 && recordings;
    });
    const replay = await replayOf(answered.call.id);
    expect(replay.recordings).toEqual([recording]);
    const audio = await http().get(recording!.audioUrl!).set(tenant.as('supervisor')).buffer(true).expect(200);
    expect(audio.headers['content-type']).toBe(recording!.contentType);
    expect((audio.body as Buffer).length).toBeGreaterThan(44);
    // Rita answered the call: she may listen; the access is audited.
    await http().get(recording!.audioUrl!).set(tenant.as('agent')).expect(200);
    const audit = (await http().get('/api/audit').query({ action: 'recording.accessed' }).set(tenant.as('owner')).expect(200)).body as AuditEntry[];
    expect(audit.filter((entry) => entry.targetId === recording!.id).map((entry) => entry.userId).sort()).toEqual([tenant.users.supervisor.userId, tenant.users.agent.userId].sort());
  }, 60_000);

  it('links the voicemail at its step and keeps its audio once, as the voicemail (not as a recording)', async () => {
    const replay = await replayOf(voicemail.call.id);
    expect(replay.voicemails).toHaveLength(1);
    const [message] = replay.voicemails;
    expect(replay.steps.find((step) => step.node === 'vm')?.voicemailIds).toEqual([message!.id]);
    expect(replay.recordings).toEqual([]);
    expect(await recordingsOf(voicemail.call.id)).toEqual([]);
    await waitFor('the copy of the voicemail audio to go', async () => (await stack.dataSource.query('SELECT 1 FROM call_recordings WHERE call_id = $1', [voicemail.call.id])).length === 0);
    const [voicemailRow]: Array<{ recording_url: string }> = await stack.dataSource.query('SELECT recording_url FROM voicemails WHERE id = $1', [message!.id]);

    // The mailbox is Rita's: she lists and plays the message; the supervisor too.
    const inbox = (await http().get('/api/voicemails').set(tenant.as('agent')).expect(200)).body as VoicemailPage;
    expect(inbox.voicemails.map((entry) => entry.id)).toEqual([message!.id]);
    const audio = await http().get(message!.audioUrl!).set(tenant.as('agent')).buffer(true).expect(200);
    const [bytes]: Array<{ audio: Buffer }> = await stack.dataSource.query('SELECT audio FROM voicemails WHERE id = $1', [message!.id]);
    expect(Buffer.compare(audio.body as Buffer, bytes!.audio)).toBe(0);
    expect(stack.sandbox.recordingTranscript(voicemailRow!.recording_url.split('/').at(-1) ?? '')).toBe(WORDS);
  }, 60_000);

  it('finds the real calls by agent and counts them in the reports', async () => {
    const ritas = (await http().get('/api/calls').set(tenant.as('agent')).expect(200)).body as CallPage;
    expect(ritas.calls.map((call) => call.id)).toEqual([answered.call.id]);
    const [summary] = ritas.calls;
    expect(summary).toMatchObject({ answeredByAgentId: RITA, status: 'ended', outcome: { result: 'answered', node: expect.any(String) } });
    expect(summary!.waitSecs).toBeGreaterThan(0);
    expect(summary!.handleSecs).toBeGreaterThan(0);

    const started = answered.call.startedAt.getTime();
    const from = new Date(started - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(started + 2 * 86_400_000).toISOString().slice(0, 10);
    const report = (await http().get('/api/analytics/calls').query({ from, to, by: 'agent' }).set(tenant.as('supervisor')).expect(200)).body as CallMetricsReport;
    expect(report.rows.map((row) => [row.key, row.calls, row.answered])).toEqual([
      [RITA, 1, 1],
      ['sam', 1, 0],
    ]);
    const tenantWide = (await http().get('/api/analytics/calls').query({ from, to }).set(tenant.as('supervisor')).expect(200)).body as CallMetricsReport;
    expect(tenantWide.rows).toEqual([expect.objectContaining({ calls: 2, answered: 1, voicemail: 1, waited: 1, answeredWithinServiceLevel: 1, serviceLevel: 1 })]);
  }, 60_000);
});
