import type { TraceEvent } from '@callflow/engine';
import { CALL_SEARCH_ATTRIBUTE_KEYS, carrierEventSignal } from '@callflow/workflows';
import type { CommandEntry, DeliveryFaultsInput, PlaceCallRequest } from '../../src/sandbox';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { flowDocument, tts, waitFor } from './call-stack';
import {
  ResilienceStack,
  acceptedCommands,
  commandEntries,
  withoutTimes,
  type CallRecord,
} from './resilience-stack';

jest.setTimeout(90_000);

const CALLER = '+12125550147';
const sip = (id: string) => `sip:${id}@sandbox.callflow.test`;

describe('calls under carrier faults, hang-ups and publishing, through the whole stack', () => {
  let stack: ResilienceStack;
  let tenantId: string;

  beforeAll(async () => {
    stack = await ResilienceStack.start({ tap: true });
    tenantId = await seedTenant(stack.asTestApp(), 'Rapid Rooter Plumbing');
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: ['ann', 'bob', 'carl', 'dora', 'erin', 'fred'].map((id, index) => agent(id, String(201 + index))),
      ringGroups: [
        // Bob's leg rings 300 simulated seconds (15 s here) before the carrier gives up on it: it is still ringing when the
        // workflow, however slow under load, handles ann's answer and hangs it up (at 20 s, 1 s here, it could end first).
        { id: 'dispatch', name: 'Dispatch', members: [{ agentId: 'ann', priority: 1 }, { agentId: 'bob', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 300 },
        { id: 'office', name: 'Office', members: [{ agentId: 'carl', priority: 1 }, { agentId: 'dora', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 40 },
        { id: 'night', name: 'Night shift', members: [{ agentId: 'erin', priority: 1 }, { agentId: 'fred', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 300 },
      ],
      queues: [
        {
          id: 'line',
          name: 'Waiting line',
          strategy: 'longest-idle',
          requiredSkills: [],
          members: [],
          maxWaitSecs: 600,
          maxSize: 50,
          announcePosition: false,
          announceExpectedWait: false,
          announceIntervalSecs: 60,
          agentRingTimeoutSecs: 20,
          wrapUpSecs: 0,
          holdAudio: null,
        },
      ],
      mailboxes: [{ id: 'main', name: 'Main', ownerAgentId: null, greeting: null, notifyEmails: [], notifySms: [], transcribe: false, maxLengthSecs: 60 }],
    });
    // Ann answers and talks for a while; bob never picks up; carl declines, dora is busy a second later.
    stack.sandbox.setEndpoint(sip('ann'), { answer: 'after', afterSecs: 1, talkSecs: 40 });
    stack.sandbox.setEndpoint(sip('bob'), { answer: 'never' });
    stack.sandbox.setEndpoint(sip('carl'), { answer: 'decline', afterSecs: 1 });
    stack.sandbox.setEndpoint(sip('dora'), { answer: 'busy', afterSecs: 20 });
    stack.sandbox.setEndpoint(sip('erin'), { answer: 'never' });
    stack.sandbox.setEndpoint(sip('fred'), { answer: 'never' });
  }, 120_000);

  afterEach(() => {
    stack.sandbox.setFaults({});
    if (stack.tap) stack.tap.concurrentCopies = 1;
  });

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  /** A command as "who got what": the caller's leg or the address of the dialled leg, so two calls compare. */
  function describeCommands(record: CallRecord, commands: CommandEntry[]): string[] {
    const legs = new Map(stack.dialledLegs(record.workflowId).map((leg) => [leg.callControlId, leg.to]));
    return commands.map((command) => {
      if (command.action === 'dial') return `dial ${(command.body as { to: string }).to}`;
      return `${command.action} ${legs.get(command.callControlId) ?? 'caller'}`;
    });
  }

  describe('every webhook delivered three times, or reordered: each command once, same outcome and call log', () => {
    let number: string;

    beforeAll(async () => {
      ({ number } = await seedNumberWithFlow(
        stack.asTestApp(),
        tenantId,
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            {
              id: 'menu',
              kind: 'menu',
              config: { prompt: tts('For a plumber press 1, for the office press 2.'), options: [{ digit: '1', label: 'Plumber' }, { digit: '2', label: 'Office' }], timeoutSecs: 5 },
            },
            { id: 'plumbers', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'dispatch' } } },
            { id: 'office', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'office' } } },
            { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody can take your call right now.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> menu', 'menu.1 -> plumbers', 'menu.2 -> office', 'plumbers.answered -> bye', 'plumbers.noAnswer -> sorry', 'office.answered -> bye', 'office.noAnswer -> sorry', 'sorry.next -> bye'],
        ),
      ));
    });

    async function faultyCall(script: PlaceCallRequest['script'], faults: DeliveryFaultsInput, concurrentCopies = 1): Promise<CallRecord> {
      stack.sandbox.setFaults(faults);
      if (stack.tap) stack.tap.concurrentCopies = concurrentCopies;
      try {
        return await stack.call({ from: CALLER, to: number, script });
      } finally {
        stack.sandbox.setFaults({});
        if (stack.tap) stack.tap.concurrentCopies = 1;
      }
    }

    function expectEachCommandOnce(record: CallRecord): void {
      const commands = commandEntries(record.timeline);
      expect(commands.filter((command) => command.result === 'duplicate')).toEqual([]);
      const ids = commands.map((command) => command.commandId);
      expect(new Set(ids).size).toBe(ids.length);
    }

    function expectDeliveredTimes(record: CallRecord, copies: number): void {
      const webhooks = record.timeline.filter((entry) => entry.kind === 'webhook');
      expect(webhooks.length).toBeGreaterThan(5);
      for (const webhook of webhooks) {
        if (webhook.kind === 'webhook') expect(webhook.deliveries.filter((delivery) => delivery.status === 200).length).toBe(copies);
      }
    }

    const sorted = (items: string[]) => [...items].sort();

    /** At least two webhooks of one leg reached the API in another order than the carrier emitted them. */
    function expectSomeReordered(record: CallRecord): void {
      const firstTries = new Map<string, Array<{ seq: number; sentAt: number }>>();
      for (const entry of record.timeline) {
        if (entry.kind !== 'webhook' || entry.callControlId === null || entry.deliveries.length === 0) continue;
        const sentAt = Math.min(...entry.deliveries.map((delivery) => delivery.startedAt));
        firstTries.set(entry.callControlId, [...(firstTries.get(entry.callControlId) ?? []), { seq: entry.seq, sentAt }]);
      }
      const overtaken = [...firstTries.values()].some((entries) => entries.some((entry, index) => entries.slice(index + 1).some((later) => later.sentAt < entry.sentAt)));
      expect(overtaken).toBe(true);
    }

    /**
     * Carrier events signalled to the workflow more than once. Copies arriving at the same time race for the API's
     * claim on the event id: only the winner signals, the others are acknowledged once it is done.
     */
    async function repeatedSignals(record: CallRecord): Promise<number> {
      const history = await stack.client.workflow.getHandle(record.workflowId).fetchHistory();
      const ids = (history.events ?? []).flatMap((event) => {
        const signal = event.workflowExecutionSignaledEventAttributes;
        const payload = signal?.signalName === carrierEventSignal.name ? signal.input?.payloads?.[0]?.data : undefined;
        return payload ? [(JSON.parse(Buffer.from(payload).toString('utf8')) as { id: string }).id] : [];
      });
      return ids.length - new Set(ids).size;
    }

    it('nobody answers: every command, the outcome and the call log are those of a clean run', async () => {
      const script = [{ press: '2' }];
      const clean = await faultyCall(script, {});
      const cleanCommands = describeCommands(clean, acceptedCommands(clean.timeline));
      expect(cleanCommands).toEqual(['answer caller', 'gather_using_speak caller', `dial ${sip('carl')}`, `dial ${sip('dora')}`, 'speak caller', 'hangup caller']);
      expect(clean.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });

      const tripled = await faultyCall(script, { copies: 3, seed: 7 });
      expectDeliveredTimes(tripled, 3);
      expectEachCommandOnce(tripled);
      expect(describeCommands(tripled, acceptedCommands(tripled.timeline))).toEqual(cleanCommands);
      expect(tripled.call.outcome).toEqual(clean.call.outcome);
      expect(withoutTimes(tripled.events)).toEqual(withoutTimes(clean.events));

      const reordered = await faultyCall(script, { reorderWithinMs: 60, seed: 11 });
      expectSomeReordered(reordered);
      expectEachCommandOnce(reordered);
      expect(sorted(describeCommands(reordered, acceptedCommands(reordered.timeline)))).toEqual(sorted(cleanCommands));
      expect(reordered.call.outcome).toEqual(clean.call.outcome);
      expect(withoutTimes(reordered.events)).toEqual(withoutTimes(clean.events));

      // Three sandbox copies, reordered, each relayed three times at once: the API's dedupe races itself.
      const stormed = await faultyCall(script, { copies: 3, reorderWithinMs: 60, seed: 13 }, 3);
      expect(await repeatedSignals(stormed)).toBe(0);
      expectEachCommandOnce(stormed);
      expect(sorted(describeCommands(stormed, acceptedCommands(stormed.timeline)))).toEqual(sorted(cleanCommands));
      expect(stormed.call.outcome).toEqual(clean.call.outcome);
      expect(withoutTimes(stormed.events)).toEqual(withoutTimes(clean.events));
    });

    it('an agent answers: each command once, the same conversation and outcome as a clean run', async () => {
      const script = [{ press: '1' }];
      const clean = await faultyCall(script, {});
      const cleanCommands = describeCommands(clean, acceptedCommands(clean.timeline));
      // Ann ends the conversation; the caller, parked, hears the flow go on to the hang-up node.
      expect(cleanCommands).toEqual([
        'answer caller',
        'gather_using_speak caller',
        `dial ${sip('ann')}`,
        `dial ${sip('bob')}`,
        `hangup ${sip('bob')}`,
        'bridge caller',
        'hangup caller',
      ]);
      expect(clean.call.outcome).toMatchObject({ result: 'answered', node: 'bye' });
      expect(clean.events).toContainEqual(expect.objectContaining({ type: 'agent.answered', target: 'ann (201)' }));

      for (const [faults, concurrentCopies] of [
        [{ copies: 3, seed: 17 }, 1],
        [{ reorderWithinMs: 60, seed: 19 }, 1],
        [{ copies: 3, reorderWithinMs: 60, seed: 23 }, 3],
      ] as const) {
        const faulty = await faultyCall(script, faults, concurrentCopies);
        expectEachCommandOnce(faulty);
        const commands = describeCommands(faulty, acceptedCommands(faulty.timeline));
        if ('reorderWithinMs' in faults) {
          if (!('copies' in faults)) expectSomeReordered(faulty);
          expect(sorted(commands)).toEqual(sorted(cleanCommands));
        } else {
          expectDeliveredTimes(faulty, faults.copies);
          expect(commands).toEqual(cleanCommands);
        }
        expect(await repeatedSignals(faulty)).toBe(0);
        expect(faulty.call.outcome).toEqual(clean.call.outcome);
        expect(withoutTimes(faulty.events)).toEqual(withoutTimes(clean.events));
      }
    });
  });

  describe('the caller hangs up while the flow waits: the workflow ends, only clean-up commands follow, the outcome is logged', () => {
    let number: string;

    beforeAll(async () => {
      ({ number } = await seedNumberWithFlow(
        stack.asTestApp(),
        tenantId,
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'welcome', kind: 'play', config: { prompt: tts('Welcome to Rapid Rooter, the plumbers who pick up the phone when you call.') } },
            {
              id: 'menu',
              kind: 'menu',
              config: {
                prompt: tts('For a plumber press 1, to wait for the office press 2, to leave a message press 3.'),
                options: [{ digit: '1', label: 'Plumber' }, { digit: '2', label: 'Office' }, { digit: '3', label: 'Message' }],
                timeoutSecs: 10,
                maxAttempts: 1,
              },
            },
            { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'night' } } },
            { id: 'wait', kind: 'queue', config: { queueId: 'line' } },
            { id: 'message', kind: 'voicemail', config: { mailboxId: 'main', greeting: tts('Please leave a message after the tone.'), silenceTimeoutSecs: 5 } },
            { id: 'bye', kind: 'hang-up' },
          ],
          [
            'start.next -> welcome',
            'welcome.next -> menu',
            'menu.1 -> ring',
            'menu.2 -> wait',
            'menu.3 -> message',
            'ring.answered -> bye',
            'ring.noAnswer -> message',
            'wait.answered -> bye',
            'wait.timeout -> message',
            'message.next -> bye',
          ],
        ),
      ));
    });

    const CLEAN_UP_ACTIONS = new Set(['playback_stop', 'gather_stop', 'record_stop']);

    /** The caller's hangup, then everything that happened after it. */
    async function hangUpAndFollow(call: { callSessionId: string; callControlId: string; workflowId: string }) {
      const record = await stack.outcome(call.callSessionId);
      expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');
      const hangup = record.timeline.find((entry) => entry.kind === 'party' && entry.action === 'hangup' && entry.callControlId === call.callControlId);
      if (hangup === undefined) throw new Error('the caller never hung up');
      const after = commandEntries(record.timeline).filter((command) => command.seq > hangup.seq);
      // Hanging up agent legs and stopping media are clean-up; anything else (a prompt, a dial, a hangup of the
      // caller's own, already ended leg) is a command the workflow should not have sent.
      const unexpected = after.filter((command) => !(command.action === 'hangup' && command.callControlId !== call.callControlId) && !CLEAN_UP_ACTIONS.has(command.action));
      expect(unexpected).toEqual([]);
      return { record, after };
    }

    function lastNodeEntered(events: TraceEvent[]): string | null {
      return events.filter((event) => event.type === 'node.entered').at(-1)?.node ?? null;
    }

    it('during a prompt (play)', async () => {
      const call = stack.placeCall({ from: CALLER, to: number, hangUpAtEvent: { type: 'call.speak.started' } });
      const { record } = await hangUpAndFollow(call);
      expect(record.call.outcome).toMatchObject({ result: 'abandoned', node: 'welcome', reason: 'caller hung up' });
      expect(lastNodeEntered(record.events)).toBe('welcome');
    });

    it('while a menu waits for a key', async () => {
      const call = stack.placeCall({ from: CALLER, to: number, script: [{ hangup: true }] });
      const { record } = await hangUpAndFollow(call);
      expect(record.call.outcome).toMatchObject({ result: 'abandoned', node: 'menu', reason: 'caller hung up' });
      expect(acceptedCommands(record.timeline).map((command) => command.action)).toEqual(['answer', 'speak', 'gather_using_speak']);
    });

    it('while agents ring (ring group): their legs are hung up', async () => {
      const call = stack.placeCall({ from: CALLER, to: number, script: [{ press: '1' }] });
      await waitFor('erin and fred to ring', () => {
        const legs = stack.dialledLegs(call.workflowId);
        return legs.length === 2 && legs.every((leg) => leg.state === 'ringing');
      });
      stack.sandbox.hangUp(call.callControlId);
      const { record, after } = await hangUpAndFollow(call);
      expect(record.call.outcome).toMatchObject({ result: 'abandoned', node: 'ring', reason: 'caller hung up' });
      expect(describeCommands(record, after).sort()).toEqual([`hangup ${sip('erin')}`, `hangup ${sip('fred')}`]);
      expect(after.every((command) => command.result === 'ok')).toBe(true);
      expect(stack.dialledLegs(call.workflowId).map((leg) => leg.state)).toEqual(['ended', 'ended']);
    });

    it('while waiting in a queue with hold music', async () => {
      const call = stack.placeCall({ from: CALLER, to: number, script: [{ press: '2' }] });
      await waitFor('hold music', () => acceptedCommands(stack.timeline(call.callSessionId)).some((command) => command.action === 'playback_start'));
      stack.sandbox.hangUp(call.callControlId);
      const { record } = await hangUpAndFollow(call);
      expect(record.call.outcome).toMatchObject({ result: 'abandoned', node: 'wait', reason: 'caller hung up' });
      expect(record.events).toContainEqual(expect.objectContaining({ type: 'queue.joined', node: 'wait', position: 1 }));
    });

    it('while a voicemail records: the message is kept and the call ends as voicemail', async () => {
      const call = stack.placeCall({ from: CALLER, to: number, script: [{ press: '3' }, { say: 'Hi, the kitchen sink is leaking again.' }, { hangup: true }] });
      const { record } = await hangUpAndFollow(call);
      expect(record.call.outcome).toMatchObject({ result: 'voicemail', node: 'message' });
      expect(record.timeline.findIndex((entry) => entry.kind === 'command' && entry.action === 'record_start')).toBeLessThan(
        record.timeline.findIndex((entry) => entry.kind === 'party' && entry.action === 'hangup'),
      );
      const voicemails: Array<{ mailbox_id: string; caller_number: string; duration_secs: number }> = await waitFor('the voicemail to be stored', async () => {
        const rows: Array<{ mailbox_id: string; caller_number: string; duration_secs: number }> = await stack.dataSource.query(
          'SELECT mailbox_id, caller_number, duration_secs FROM voicemails WHERE call_id = $1',
          [record.call.id],
        );
        return rows.length > 0 && rows;
      });
      expect(voicemails).toEqual([{ mailbox_id: 'main', caller_number: CALLER, duration_secs: expect.any(Number) }]);
    });
  });

  describe('publishing while a call runs: the call keeps its version, the next call takes the new one', () => {
    const menuFlow = (news: string) =>
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For the news press 1.'), options: [{ digit: '1', label: 'News' }], timeoutSecs: 60, maxAttempts: 3 } },
          { id: 'news', kind: 'play', config: { prompt: tts(news) } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> menu', 'menu.1 -> news', 'news.next -> bye'],
      );

    const said = (record: CallRecord) =>
      acceptedCommands(record.timeline).flatMap((command) => (command.action === 'speak' ? [(command.body as { payload: string }).payload] : []));

    it('a call waiting in a menu hears the old prompt after a publish; a new call hears the new one', async () => {
      const flows = stack.app.get(FlowsRepository);
      const { number, flow: stored, version: first } = await seedNumberWithFlow(stack.asTestApp(), tenantId, menuFlow('Version one: the water main is fixed.'));

      const running = stack.placeCall({ from: CALLER, to: number });
      await waitFor('the menu to play', () => acceptedCommands(stack.timeline(running.callSessionId)).some((command) => command.action === 'gather_using_speak'));
      const revision = await flows.saveDraft(tenantId, stored.id, menuFlow('Version two: the road is open again.'), stored.draftRevision);
      const second = await flows.publishVersion(tenantId, stored.id, 'new news');
      expect({ revision, number: second.number }).toEqual({ revision: stored.draftRevision + 1, number: 2 });
      stack.sandbox.pressDigits(running.callControlId, '1');
      const old = await stack.outcome(running.callSessionId);

      expect(said(old)).toEqual(['Version one: the water main is fixed.']);
      expect(old.call.flowVersionId).toBe(first.id);
      expect(old.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });

      const fresh = await stack.call({ from: CALLER, to: number, script: [{ press: '1' }] });
      expect(said(fresh)).toEqual(['Version two: the road is open again.']);
      expect(fresh.call.flowVersionId).toBe(second.id);
      const { typedSearchAttributes } = await stack.client.workflow.getHandle(fresh.workflowId).describe();
      expect(typedSearchAttributes.get(CALL_SEARCH_ATTRIBUTE_KEYS.flowVersion)).toBe(second.id);
      const { typedSearchAttributes: oldAttributes } = await stack.client.workflow.getHandle(old.workflowId).describe();
      expect(oldAttributes.get(CALL_SEARCH_ATTRIBUTE_KEYS.flowVersion)).toBe(first.id);
    });
  });
});
