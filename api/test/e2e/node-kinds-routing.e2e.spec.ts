import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallStack, commandsIn, commandsOf, eventsOfType, expectCommands, flowDocument, spoken, tts, type DialledLeg } from './call-stack';

/*
 * Routing node kinds end to end (ring group, dial extension, transfer) and voicemail: agents are simulated
 * endpoints of the sandbox carrier, dialled by the call's workflow on legs of their own.
 */

const CALLER = '+12125550147';
const sandboxAddress = (agentId: string) => `sip:${agentId}@sandbox.callflow.test`;
/** Answers soon and stays on the line until the caller leaves. */
const ANSWERS = { answer: 'after', afterSecs: 1, talkSecs: null } as const;
/** The caller ends the conversation a moment after being bridged (simulated seconds). */
const HANG_UP_AFTER_BRIDGE = { type: 'call.bridged', afterSecs: 2 };

/** Today's date in `timeZone`, shifted by whole days. */
function localDate(timeZone: string, offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + offsetDays * 86_400_000);
}

describe('node kinds end to end: routing and voicemail', () => {
  let stack: CallStack;
  let tenantId: string;

  beforeAll(async () => {
    stack = await CallStack.start();
    tenantId = await seedTenant(stack.asTestApp(), 'Node kinds — routing');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const publish = async (document: unknown) => (await seedNumberWithFlow(stack.asTestApp(), tenantId, document)).number;

  function legTo(legs: DialledLeg[], address: string): DialledLeg {
    const leg = legs.find((candidate) => candidate.to === address);
    if (!leg) throw new Error(`no dialled leg to ${address} among ${legs.map((candidate) => candidate.to).join(', ')}`);
    return leg;
  }

  function ringGroupFlow(ringGroupId: string): unknown {
    return flowDocument(
      [
        { id: 'start', kind: 'entry' },
        { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId }, announce: tts('Connecting you to a dispatcher.') } },
        { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody is available right now.') } },
        { id: 'bye', kind: 'hang-up' },
      ],
      ['start.next -> ring', 'ring.noAnswer -> sorry', 'sorry.next -> bye'],
    );
  }

  describe('ring group', () => {
    it('rings every member at once, bridges the first to answer and hangs up the other', async () => {
      await seedDirectory(stack.asTestApp(), tenantId, {
        agents: [agent('rg-ann', '211'), agent('rg-bob', '212')],
        ringGroups: [{ id: 'dispatch', name: 'Dispatch', members: [{ agentId: 'rg-ann', priority: 1 }, { agentId: 'rg-bob', priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 60 }],
      });
      stack.sandbox.setEndpoint(sandboxAddress('rg-ann'), ANSWERS);
      stack.sandbox.setEndpoint(sandboxAddress('rg-bob'), { answer: 'never' });
      const number = await publish(ringGroupFlow('dispatch'));

      const result = await stack.call({ from: CALLER, to: number, hangUpAtEvent: HANG_UP_AFTER_BRIDGE });

      expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'ring' });
      const [, , bridge] = expectCommands(result, ['answer', 'speak', 'bridge']);
      expect(spoken(result)).toEqual(['Connecting you to a dispatcher.']);

      const legs = await stack.endedLegs(result.workflowId, 2);
      const ann = legTo(legs, sandboxAddress('rg-ann'));
      const bob = legTo(legs, sandboxAddress('rg-bob'));
      // Both legs were found by their client_state, which names the call's workflow and a leg id of its own.
      expect(new Set(legs.map((leg) => leg.legId)).size).toBe(2);
      expect(commandsIn(ann.timeline).map((command) => command.action)).toEqual(['dial']);
      expect(commandsIn(bob.timeline).map((command) => command.action)).toEqual(['dial', 'hangup']);
      expect(commandsIn(ann.timeline)[0]?.body).toMatchObject({ from: CALLER, timeout_secs: 60 });
      expect(bridge?.body.call_control_id).toBe(ann.callControlId);
      expect(ann.answeredAt).not.toBeNull();
      expect(bob.answeredAt).toBeNull();
      expect(bob.hangup).toMatchObject({ cause: 'originator_cancel' });

      expect(eventsOfType(result, 'agents.rung')).toEqual([expect.objectContaining({ targets: ['rg-ann (211)', 'rg-bob (212)'] })]);
      expect(eventsOfType(result, 'agent.answered')).toEqual([expect.objectContaining({ target: 'rg-ann (211)', agentId: 'rg-ann' })]);
    }, 60_000);

    it('leaves through noAnswer when nobody answers within the ring timeout', async () => {
      await seedDirectory(stack.asTestApp(), tenantId, {
        agents: [agent('rg-cy', '213'), agent('rg-di', '214')],
        ringGroups: [{ id: 'nobody', name: 'Nobody home', members: [{ agentId: 'rg-cy', priority: 1 }, { agentId: 'rg-di', priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 5 }],
      });
      stack.sandbox.setEndpoint(sandboxAddress('rg-cy'), { answer: 'never' });
      stack.sandbox.setEndpoint(sandboxAddress('rg-di'), { answer: 'never' });
      const number = await publish(ringGroupFlow('nobody'));

      const result = await stack.call({ from: CALLER, to: number });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expectCommands(result, ['answer', 'speak', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Connecting you to a dispatcher.', 'Nobody is available right now.']);
      const legs = await stack.endedLegs(result.workflowId, 2);
      for (const leg of legs) {
        expect(commandsIn(leg.timeline).map((command) => command.action)).toEqual(['dial']);
        expect(commandsIn(leg.timeline)[0]?.body).toMatchObject({ timeout_secs: 5 });
        expect(leg.answeredAt).toBeNull();
      }
      expect(eventsOfType(result, 'agent.missed').map((event) => event.target).sort()).toEqual(['rg-cy (213)', 'rg-di (214)']);
      expect(eventsOfType(result, 'agent.answered')).toEqual([]);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'ring', port: 'noAnswer', target: 'sorry' }));
    }, 60_000);

    it('continues after the conversation when the agent hangs up first (the caller stays on the line)', async () => {
      await seedDirectory(stack.asTestApp(), tenantId, {
        agents: [agent('rg-eve', '215')],
        ringGroups: [{ id: 'survey-desk', name: 'Survey desk', members: [{ agentId: 'rg-eve', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 60 }],
      });
      stack.sandbox.setEndpoint(sandboxAddress('rg-eve'), { answer: 'after', afterSecs: 1, talkSecs: 20 });
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'survey-desk' } } },
            { id: 'survey', kind: 'play', config: { prompt: tts('Please stay on the line for a short survey.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> ring', 'ring.answered -> survey', 'ring.noAnswer -> bye', 'survey.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number });

      expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'bye' });
      expectCommands(result, ['answer', 'bridge', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Please stay on the line for a short survey.']);
    }, 60_000);

    it('goes on with the flow when the agent is gone before the bridge', async () => {
      await seedDirectory(stack.asTestApp(), tenantId, {
        agents: [agent('rg-fay', '216')],
        ringGroups: [{ id: 'flaky-desk', name: 'Flaky desk', members: [{ agentId: 'rg-fay', priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 60 }],
      });
      stack.sandbox.setEndpoint(sandboxAddress('rg-fay'), { answer: 'after', afterSecs: 1, talkSecs: 0.01 });
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'flaky-desk' } } },
            { id: 'after', kind: 'play', config: { prompt: tts('Thanks for calling.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> ring', 'ring.answered -> after', 'ring.noAnswer -> after', 'after.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number });

      const bridges = result.timeline.timeline.filter((entry) => entry.kind === 'command' && entry.action === 'bridge');
      expect(bridges.map((entry) => entry.kind === 'command' && entry.result)).toEqual(['error']);
      // Nobody talked to the caller: the call is not logged as answered.
      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expect(spoken(result)).toEqual(['Thanks for calling.']);
      expect(commandsOf(result).at(-1)?.action).toBe('hangup');
    }, 60_000);

    it('round-robin memory carries over to the next call: each call rings a different agent first', async () => {
      await seedDirectory(stack.asTestApp(), tenantId, {
        agents: [agent('rr-eve', '221'), agent('rr-fay', '222')],
        ringGroups: [{ id: 'rotation', name: 'Rotation', members: [{ agentId: 'rr-eve', priority: 1 }, { agentId: 'rr-fay', priority: 2 }], strategy: 'round-robin', ringTimeoutSecs: 60 }],
      });
      for (const id of ['rr-eve', 'rr-fay']) stack.sandbox.setEndpoint(sandboxAddress(id), ANSWERS);
      const number = await publish(ringGroupFlow('rotation'));
      const memory = async () =>
        ((await stack.dataSource.query('SELECT last_agent_id FROM routing_memory WHERE tenant_id = $1 AND group_id = $2', [tenantId, 'rotation'])) as Array<{ last_agent_id: string }>)[0]
          ?.last_agent_id;

      const first = await stack.call({ from: CALLER, to: number, hangUpAtEvent: HANG_UP_AFTER_BRIDGE });
      const [firstLeg] = await stack.endedLegs(first.workflowId, 1);
      expect(await memory()).toBe('rr-eve');
      const second = await stack.call({ from: '+12125550148', to: number, hangUpAtEvent: HANG_UP_AFTER_BRIDGE });
      const [secondLeg] = await stack.endedLegs(second.workflowId, 1);

      expect(firstLeg?.to).toBe(sandboxAddress('rr-eve'));
      expect(secondLeg?.to).toBe(sandboxAddress('rr-fay'));
      expect(await memory()).toBe('rr-fay');
      for (const result of [first, second]) {
        expect(result.call.outcome).toMatchObject({ result: 'answered' });
        expectCommands(result, ['answer', 'speak', 'bridge']);
      }
      expect(eventsOfType(second, 'agent.answered')).toEqual([expect.objectContaining({ agentId: 'rr-fay' })]);
    }, 60_000);
  });

  describe('dial extension', () => {
    const FORWARD_NUMBER = '+13125550188';
    let number: string;

    beforeAll(async () => {
      const timeZone = 'America/Chicago';
      await seedDirectory(stack.asTestApp(), tenantId, {
        agents: [
          agent('dx-gus', '301'),
          agent('dx-hal', '302', {
            timeZone,
            vacation: { from: localDate(timeZone, -1), to: localDate(timeZone, 1), forwardTo: { type: 'number', number: FORWARD_NUMBER } },
          }),
        ],
      });
      stack.sandbox.setEndpoint(sandboxAddress('dx-gus'), ANSWERS);
      stack.sandbox.setEndpoint(sandboxAddress('dx-hal'), ANSWERS);
      stack.sandbox.setEndpoint(FORWARD_NUMBER, ANSWERS);
      number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'ext', kind: 'collect-digits', config: { prompt: tts('Dial the extension.'), variable: 'ext', minDigits: 3, maxDigits: 3, terminator: null, timeoutSecs: 2 } },
            { id: 'dial', kind: 'dial-extension', config: { extension: '{{ vars.ext }}' } },
            { id: 'unavailable', kind: 'play', config: { prompt: tts('That person is unavailable.') } },
            { id: 'unknown', kind: 'play', config: { prompt: tts('There is no extension {{ vars.ext }}.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> ext', 'ext.next -> dial', 'dial.noAnswer -> unavailable', 'dial.notFound -> unknown', 'unavailable.next -> bye', 'unknown.next -> bye'],
        ),
      );
    }, 30_000);

    it('rings the agent with that extension and bridges the caller', async () => {
      const result = await stack.call({ from: CALLER, to: number, script: [{ press: '301' }], hangUpAtEvent: HANG_UP_AFTER_BRIDGE });

      expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'dial' });
      const [, , bridge] = expectCommands(result, ['answer', 'gather_using_speak', 'bridge']);
      const [leg] = await stack.endedLegs(result.workflowId, 1);
      expect(leg?.to).toBe(sandboxAddress('dx-gus'));
      expect(commandsIn(leg?.timeline ?? [])[0]?.body).toMatchObject({ timeout_secs: 20 });
      expect(bridge?.body.call_control_id).toBe(leg?.callControlId);
      expect(eventsOfType(result, 'agent.answered')).toEqual([expect.objectContaining({ agentId: 'dx-gus' })]);
    }, 60_000);

    it('dials the vacation forward number of an agent on vacation', async () => {
      const result = await stack.call({ from: CALLER, to: number, script: [{ press: '302' }], hangUpAtEvent: HANG_UP_AFTER_BRIDGE });

      expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'dial' });
      const [, , bridge] = expectCommands(result, ['answer', 'gather_using_speak', 'bridge']);
      const [leg] = await stack.endedLegs(result.workflowId, 1);
      expect(leg?.to).toBe(FORWARD_NUMBER);
      expect(bridge?.body.call_control_id).toBe(leg?.callControlId);
      expect(eventsOfType(result, 'agents.skipped')).toEqual([expect.objectContaining({ agents: [expect.objectContaining({ label: 'dx-hal (302)' })] })]);
      expect(eventsOfType(result, 'agents.rung')).toEqual([expect.objectContaining({ targets: ['dx-hal (vacation forward)'] })]);
    }, 60_000);

    it('leaves through notFound for an unknown extension', async () => {
      const result = await stack.call({ from: CALLER, to: number, script: [{ press: '399' }] });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expectCommands(result, ['answer', 'gather_using_speak', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Dial the extension.', 'There is no extension 399.']);
      expect(stack.dialledLegs(result.workflowId)).toEqual([]);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'dial', port: 'notFound', target: 'unknown' }));
    }, 60_000);
  });

  describe('transfer', () => {
    function transferFlow(destination: string): unknown {
      return flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'moving', kind: 'play', config: { prompt: tts('Transferring you to our partner.') } },
          { id: 'xfer', kind: 'transfer', config: { destination, callerId: { type: 'called' }, timeoutSecs: 10 } },
          { id: 'sorry', kind: 'play', config: { prompt: tts('Our partner did not answer.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> moving', 'moving.next -> xfer', 'xfer.noAnswer -> sorry', 'sorry.next -> bye'],
      );
    }

    it('hands the caller over when the destination answers: outcome transferred', async () => {
      const destination = '+13125550170';
      stack.sandbox.setEndpoint(destination, { answer: 'after', afterSecs: 1, talkSecs: 2 });
      const number = await publish(transferFlow(destination));

      const result = await stack.call({ from: CALLER, to: number });

      expect(result.call.outcome).toMatchObject({ result: 'transferred', node: 'xfer' });
      const [, , transfer] = expectCommands(result, ['answer', 'speak', 'transfer']);
      expect(transfer?.body).toMatchObject({ to: destination, from: number, timeout_secs: 10 });
      const target = result.timeline.legs.find((leg) => leg.direction === 'outgoing');
      expect(target).toMatchObject({ to: destination, from: number });
      expect(target?.answeredAt).not.toBeNull();
      expect(eventsOfType(result, 'transfer.completed')).toEqual([expect.objectContaining({ destination, answered: true })]);
    }, 60_000);

    it('leaves through noAnswer when the destination declines', async () => {
      const destination = '+13125550171';
      stack.sandbox.setEndpoint(destination, { answer: 'decline', afterSecs: 1 });
      const number = await publish(transferFlow(destination));

      const result = await stack.call({ from: CALLER, to: number });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expectCommands(result, ['answer', 'speak', 'transfer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Transferring you to our partner.', 'Our partner did not answer.']);
      expect(eventsOfType(result, 'transfer.completed')).toEqual([expect.objectContaining({ destination, answered: false })]);
    }, 60_000);
  });

  describe('voicemail', () => {
    it('greets, beeps, records the caller and stores the message with its notifications', async () => {
      await seedDirectory(stack.asTestApp(), tenantId, {
        mailboxes: [
          {
            id: 'vm-office',
            name: 'Office',
            ownerAgentId: null,
            greeting: null,
            notifyEmails: ['office@rapidrooter.example'],
            notifySms: ['+13125550190'],
            transcribe: false,
            maxLengthSecs: 60,
          },
        ],
      });
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'message', kind: 'voicemail', config: { mailboxId: 'vm-office', greeting: tts('Please leave a message after the beep.'), notifyEmails: ['owner@rapidrooter.example'] } },
          ],
          ['start.next -> message'],
        ),
      );
      const words = 'Hi, this is Dana, the kitchen sink is leaking again.';

      const result = await stack.call({ from: CALLER, to: number, script: [{ say: words }, { hangup: true }] });

      expect(result.call.outcome).toMatchObject({ result: 'voicemail', node: 'message' });
      const [, , record] = expectCommands(result, ['answer', 'speak', 'record_start']);
      expect(spoken(result)).toEqual(['Please leave a message after the beep.']);
      expect(record?.body).toMatchObject({ play_beep: true, max_length: 60, timeout_secs: 5, format: 'mp3' });
      expect(result.timeline.legs[0]?.hangup).toMatchObject({ source: 'caller' });

      const voicemails: Array<{ id: string; mailbox_id: string; caller_number: string; recording_url: string; bytes: number; content_type: string }> = await stack.dataSource.query(
        'SELECT id, mailbox_id, caller_number, recording_url, octet_length(audio) AS bytes, content_type FROM voicemails WHERE call_id = $1',
        [result.call.id],
      );
      expect(voicemails).toEqual([expect.objectContaining({ mailbox_id: 'vm-office', caller_number: CALLER, content_type: 'audio/wav' })]);
      const [voicemail] = voicemails;
      expect(voicemail?.bytes).toBeGreaterThan(44);
      // The stored audio is the recording the caller spoke into.
      const recordingId = voicemail?.recording_url.split('/').at(-1) ?? '';
      expect(stack.sandbox.recordingTranscript(recordingId)).toBe(words);

      const messages: Array<{ channel: string; recipient: string }> = await stack.dataSource.query(
        'SELECT channel, recipient FROM outbound_messages WHERE voicemail_id = $1 ORDER BY channel, recipient',
        [voicemail?.id],
      );
      expect(messages).toEqual([
        { channel: 'email', recipient: 'office@rapidrooter.example' },
        { channel: 'email', recipient: 'owner@rapidrooter.example' },
        { channel: 'sms', recipient: '+13125550190' },
      ]);
      expect(eventsOfType(result, 'voicemail.recorded')).toEqual([expect.objectContaining({ node: 'message' })]);
    }, 60_000);
  });
});
