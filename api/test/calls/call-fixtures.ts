import { randomUUID } from 'node:crypto';
import type { CallOutcome, TraceEvent } from '@callflow/engine';
import { FLOW_FORMAT, type Agent } from '@callflow/schemas';
import { callWorkflowId } from '@callflow/workflows';
import { DataSource } from 'typeorm';
import { CallsRepository } from '../../src/calls/calls.repository';
import { RecordingsRepository } from '../../src/calls/recordings.repository';
import { VoicemailsRepository } from '../../src/voicemails/voicemails.repository';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { PhoneNumbersRepository } from '../../src/flows/phone-numbers.repository';
import { agent, appendCallEvents, seedDirectory, uniqueNumber } from '../support/seed';
import type { TestApp } from '../support/test-app';

type App = Pick<TestApp, 'get'>;

/** A published support line: entry → menu (1: its queue, 2: voicemail) → hang-up. */
export interface SupportLine {
  tenantId: string;
  flowId: string;
  versionId: string;
  number: string;
  queueId: string;
  agents: { ann: Agent; bob: Agent };
}

/** The queues every seeded directory has (Ann and Bob answer both). */
export const QUEUES = { support: 'Support', sales: 'Sales' } as const;
export const MAILBOX = 'front-desk';
export const MENU_PROMPT = 'Press 1 for support, 2 to leave a message.';

const tts = (text: string) => ({ type: 'tts', text });

export function supportLineDocument(name = 'Support line', queueId: keyof typeof QUEUES = 'support'): unknown {
  const nodes = [
    { id: 'start', kind: 'entry', config: {} },
    { id: 'menu', kind: 'menu', config: { prompt: tts(MENU_PROMPT), options: [{ digit: '1', label: 'Support' }, { digit: '2', label: 'Message' }], timeoutSecs: 5 } },
    { id: 'queue', kind: 'queue', config: { queueId } },
    { id: 'vm', kind: 'voicemail', config: { mailboxId: MAILBOX, greeting: tts('Leave a message after the beep.') } },
    { id: 'bye', kind: 'hang-up', config: {} },
  ];
  const edges = ['start.next.menu', 'menu.1.queue', 'menu.2.vm', 'menu.timeout.bye', 'queue.answered.bye', 'queue.timeout.vm', 'vm.next.bye'];
  return {
    format: FLOW_FORMAT,
    metadata: { name, timeZone: 'America/New_York' },
    variables: [],
    nodes: nodes.map((node, index) => ({ version: 1, label: node.id, position: { x: index * 200, y: 0 }, ...node })),
    edges: edges.map((edge, index) => {
      const [source, sourcePort, target] = edge.split('.');
      return { id: `e${index}`, source, sourcePort, target };
    }),
  };
}

/** The directory and the published flow the seeded calls run on; Ann owns the mailbox. */
export async function seedSupportLine(app: App, tenantId: string, name = 'Support line', queueId: keyof typeof QUEUES = 'support'): Promise<SupportLine> {
  const agents = { ann: agent('ann', '201', { name: 'Ann' }), bob: agent('bob', '202', { name: 'Bob' }) };
  await seedDirectory(app, tenantId, {
    agents: [agents.ann, agents.bob],
    queues: Object.entries(QUEUES).map(([id, queueName]) => ({
      id,
      name: queueName,
      strategy: 'longest-idle' as const,
      requiredSkills: [],
      members: ['ann', 'bob'],
      maxWaitSecs: 600,
      maxSize: 50,
      announcePosition: false,
      announceExpectedWait: false,
      announceIntervalSecs: 60,
      agentRingTimeoutSecs: 20,
      wrapUpSecs: 0,
      holdAudio: null,
    })),
    mailboxes: [
      { id: MAILBOX, name: 'Front desk', ownerAgentId: 'ann', greeting: null, notifyEmails: [], notifySms: [], transcribe: false, maxLengthSecs: 120 },
    ],
  });
  const flows = app.get(FlowsRepository);
  const flow = await flows.createFlow(tenantId, name, supportLineDocument(name, queueId));
  const version = await flows.publishVersion(tenantId, flow.id, 'first');
  const number = uniqueNumber();
  await app.get(PhoneNumbersRepository).assign(tenantId, number, flow.id, name);
  return { tenantId, flowId: flow.id, versionId: version.id, number, queueId, agents };
}

/** How a seeded call goes, after the caller hears the menu (3 s in, the caller presses a key). */
export type CallScript =
  /** Queued, rung agent(s), `answeredBy` answered after `waitSecs` and talked `talkSecs`. */
  | { type: 'answered'; answeredBy: Agent; alsoRung?: Agent[]; waitSecs: number; talkSecs: number }
  /** Queued, rung agents, hung up after `waitSecs`. */
  | { type: 'abandoned-in-queue'; rung: Agent[]; waitSecs: number }
  /** Hung up during the menu, `afterSecs` in. */
  | { type: 'abandoned-at-menu'; afterSecs: number }
  /** Pressed 2 and left a message of `lengthSecs`. */
  | { type: 'voicemail'; lengthSecs: number }
  /** Pressed nothing: the flow says goodbye. */
  | { type: 'completed' };

export interface SeededCall {
  id: string;
  startedAt: Date;
  endedAt: Date;
  events: TraceEvent[];
}

/** An event of the record without its instant and flow (filled in when the call is written). */
type Untimed<T> = T extends unknown ? Omit<T, 'at' | 'flowId'> : never;
type Beat = [seconds: number, event: Untimed<TraceEvent>];

const label = (agentRecord: Agent): string => `${agentRecord.name} (${agentRecord.extension})`;
const PRESSED_AT = 3;

function beats(script: CallScript, queueId: string): { beats: Beat[]; outcome: CallOutcome; endSecs: number } {
  const opening: Beat[] = [
    [0, { type: 'node.entered', node: 'start', kind: 'entry', label: 'start' }],
    [0, { type: 'node.exited', node: 'start', port: 'next', target: 'menu' }],
    [0, { type: 'node.entered', node: 'menu', kind: 'menu', label: 'menu' }],
    [0, { type: 'prompt.played', node: 'menu', text: MENU_PROMPT, url: null }],
  ];
  const pressed = (digit: string, target: string): Beat[] => [
    [PRESSED_AT, { type: 'digits.received', node: 'menu', digits: digit, accepted: true }],
    [PRESSED_AT, { type: 'node.exited', node: 'menu', port: digit, target }],
  ];
  const queued = (rung: Agent[]): Beat[] => [
    [PRESSED_AT, { type: 'node.entered', node: 'queue', kind: 'queue', label: 'queue' }],
    [PRESSED_AT, { type: 'queue.joined', node: 'queue', queueId, position: 1, expectedWaitSecs: null }],
    [
      PRESSED_AT,
      { type: 'agents.rung', node: 'queue', targets: rung.map(label), legs: rung.map((offered, index) => ({ legId: `leg-${index + 1}`, agentId: offered.id })), timeoutSecs: 20 },
    ],
  ];
  switch (script.type) {
    case 'answered': {
      const answeredAt = PRESSED_AT + script.waitSecs;
      const endSecs = answeredAt + script.talkSecs;
      const outcome: CallOutcome = { result: 'answered', node: 'bye', reason: 'the flow hung up' };
      return {
        beats: [
          ...opening,
          ...pressed('1', 'queue'),
          ...queued([...(script.alsoRung ?? []), script.answeredBy]),
          ...(script.alsoRung ?? []).map((missed): Beat => [answeredAt, { type: 'agent.missed', node: 'queue', target: label(missed), cause: 'originator_cancel', agentId: missed.id }]),
          [answeredAt, { type: 'agent.answered', node: 'queue', target: label(script.answeredBy), agentId: script.answeredBy.id }],
          [endSecs, { type: 'node.exited', node: 'queue', port: 'answered', target: 'bye' }],
          [endSecs, { type: 'node.entered', node: 'bye', kind: 'hang-up', label: 'bye' }],
          [endSecs, { type: 'call.ended', node: 'bye', outcome }],
        ],
        outcome,
        endSecs,
      };
    }
    case 'abandoned-in-queue': {
      const endSecs = PRESSED_AT + script.waitSecs;
      const outcome: CallOutcome = { result: 'abandoned', node: 'queue', reason: 'caller hung up' };
      return { beats: [...opening, ...pressed('1', 'queue'), ...queued(script.rung), [endSecs, { type: 'call.ended', node: 'queue', outcome }]], outcome, endSecs };
    }
    case 'abandoned-at-menu': {
      const outcome: CallOutcome = { result: 'abandoned', node: 'menu', reason: 'caller hung up' };
      return { beats: [...opening, [script.afterSecs, { type: 'call.ended', node: 'menu', outcome }]], outcome, endSecs: script.afterSecs };
    }
    case 'voicemail': {
      const endSecs = PRESSED_AT + 2 + script.lengthSecs;
      const outcome: CallOutcome = { result: 'voicemail', node: 'vm', reason: 'caller hung up' };
      return {
        beats: [
          ...opening,
          ...pressed('2', 'vm'),
          [PRESSED_AT, { type: 'node.entered', node: 'vm', kind: 'voicemail', label: 'vm' }],
          [PRESSED_AT, { type: 'prompt.played', node: 'vm', text: 'Leave a message after the beep.', url: null }],
          [endSecs, { type: 'voicemail.recorded', node: 'vm', durationSecs: script.lengthSecs }],
          [endSecs, { type: 'call.ended', node: 'vm', outcome }],
        ],
        outcome,
        endSecs,
      };
    }
    case 'completed': {
      const endSecs = 5;
      const outcome: CallOutcome = { result: 'completed', node: 'bye', reason: 'the flow hung up' };
      return {
        beats: [
          ...opening,
          [endSecs, { type: 'input.timeout', node: 'menu', attempt: 1 }],
          [endSecs, { type: 'node.exited', node: 'menu', port: 'timeout', target: 'bye' }],
          [endSecs, { type: 'node.entered', node: 'bye', kind: 'hang-up', label: 'bye' }],
          [endSecs, { type: 'call.ended', node: 'bye', outcome }],
        ],
        outcome,
        endSecs,
      };
    }
  }
}

/**
 * Writes a finished call the way the worker does, through the repository: the call opens, its step record arrives
 * in two writes, then it ends. A voicemail script also stores the message (a short WAV-like payload).
 */
export async function seedCall(app: App, line: SupportLine, options: { startedAt: Date; from?: string; script: CallScript }): Promise<SeededCall> {
  const calls = app.get(CallsRepository);
  const callSessionId = `seeded-${randomUUID()}`;
  const call = await calls.openCall({
    tenantId: line.tenantId,
    callSessionId,
    workflowId: callWorkflowId(callSessionId),
    flowId: line.flowId,
    flowVersionId: line.versionId,
    from: options.from ?? '+12125550147',
    to: line.number,
    startedAt: options.startedAt,
  });
  const start = options.startedAt.getTime();
  const { beats: script, outcome, endSecs } = beats(options.script, line.queueId);
  const events = script.map(([seconds, event]) => ({ ...event, at: start + seconds * 1000, flowId: line.flowId }) as TraceEvent);
  const half = Math.ceil(events.length / 2);
  await appendCallEvents(app, call.id, 1, events.slice(0, half));
  await appendCallEvents(app, call.id, half + 1, events.slice(half));
  const endedAt = new Date(start + endSecs * 1000);
  await calls.endCall(call.id, outcome, endedAt);
  if (options.script.type === 'voicemail') {
    await app.get(VoicemailsRepository).save(
      {
        tenantId: line.tenantId,
        callId: call.id,
        mailboxId: MAILBOX,
        callerNumber: options.from ?? '+12125550147',
        durationSecs: options.script.lengthSecs,
        recordingUrl: `https://recordings.example/${randomUUID()}.wav`,
        audio: fakeAudio(),
        contentType: 'audio/wav',
        transcription: null,
      },
      [],
    );
  }
  return { id: call.id, startedAt: options.startedAt, endedAt, events };
}

/** A recording of the call, stored the way RecordingCollector stores one; its id. */
export async function seedRecording(
  app: App,
  line: SupportLine,
  callId: string,
  recordingUrl = `https://recordings.example/${randomUUID()}.mp3`,
  contentType = 'audio/mpeg',
): Promise<string> {
  await app.get(RecordingsRepository).save({
    tenantId: line.tenantId,
    callId,
    recordingUrl,
    startedAt: new Date(),
    durationSecs: 42,
    audio: fakeAudio(),
    contentType,
  });
  const [row]: Array<{ id: string }> = await app.get(DataSource).query('SELECT id FROM call_recordings WHERE call_id = $1 AND recording_url = $2', [callId, recordingUrl]);
  if (!row) throw new Error('the recording was not stored');
  return row.id;
}

/** The voicemail a seeded `voicemail` call left. */
export async function voicemailOf(app: App, callId: string): Promise<{ id: string; recordingUrl: string }> {
  const [row]: Array<{ id: string; recording_url: string }> = await app.get(DataSource).query('SELECT id, recording_url FROM voicemails WHERE call_id = $1', [callId]);
  if (!row) throw new Error(`call ${callId} left no voicemail`);
  return { id: row.id, recordingUrl: row.recording_url };
}

/** 1000 distinct bytes (each position's value is known), so ranges can be checked. */
export function fakeAudio(): Buffer {
  return Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 7) % 256));
}
