import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallsRepository } from '../../src/calls/calls.repository';
import { CallStack, commandsOf, flowDocument, tts } from './call-stack';


describe('calls through the whole stack (webhook → Temporal → worker → sandbox carrier)', () => {
  let stack: CallStack;
  let tenantId: string;

  beforeAll(async () => {
    stack = await CallStack.start();
    tenantId = await seedTenant(stack.asTestApp(), 'Rapid Rooter Plumbing');
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('ann', '201'), agent('bob', '202')],
      ringGroups: [{ id: 'dispatch', name: 'Dispatch', members: [{ agentId: 'ann', priority: 1 }, { agentId: 'bob', priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 10 }],
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  it('answers, plays the menu, follows the key pressed and hangs up with a goodbye', async () => {
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For service press 1, for billing press 2.'), options: [{ digit: '1', label: 'Service' }, { digit: '2', label: 'Billing' }], timeoutSecs: 2 } },
          { id: 'service', kind: 'play', config: { prompt: tts('Connecting you to service.') } },
          { id: 'billing', kind: 'play', config: { prompt: tts('Billing is closed today.') } },
          { id: 'bye', kind: 'hang-up', config: { goodbye: tts('Goodbye.') } },
        ],
        ['start.next -> menu', 'menu.1 -> service', 'menu.2 -> billing', 'service.next -> bye', 'billing.next -> bye'],
      ),
    );

    const result = await stack.call({ from: '+12125550147', to: number, script: [{ press: '2' }] });

    expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    const commands = commandsOf(result);
    expect(commands.map((command) => command.action)).toEqual(['answer', 'gather_using_speak', 'speak', 'speak', 'hangup']);
    expect(commands[2]?.body.payload).toBe('Billing is closed today.');
    const commandIds = commands.map((command) => command.body.command_id);
    expect(new Set(commandIds).size).toBe(commandIds.length);
    expect(result.events.filter((event) => event.type === 'node.entered').map((event) => event.node)).toEqual(['start', 'menu', 'billing', 'bye']);
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'digits.received', digits: '2', accepted: true }));
  }, 90_000);

  it('keeps a voicemail with its transcript and notifies the mailbox', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      mailboxes: [{ id: 'office', name: 'Office', ownerAgentId: null, greeting: null, notifyEmails: ['office@rapidrooter.test'], notifySms: [], transcribe: true, maxLengthSecs: 60 }],
    });
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument([{ id: 'start', kind: 'entry' }, { id: 'vm', kind: 'voicemail', config: { mailboxId: 'office' } }], ['start.next -> vm']),
    );

    const result = await stack.call({ from: '+12125550149', to: number, script: [{ say: 'The kitchen sink is leaking, please call back.' }, { hangup: true }] });

    expect(result.call.outcome).toMatchObject({ result: 'voicemail' });
    const [voicemail] = await stack.dataSource.query('SELECT transcription, octet_length(audio) AS bytes FROM voicemails WHERE call_id = $1', [result.call.id]);
    expect(voicemail).toEqual({ transcription: 'The kitchen sink is leaking, please call back.', bytes: expect.any(Number) });
    expect(voicemail.bytes).toBeGreaterThan(44);
    const messages = await stack.dataSource.query('SELECT channel, recipient, body FROM outbound_messages WHERE voicemail_id IN (SELECT id FROM voicemails WHERE call_id = $1)', [result.call.id]);
    expect(messages).toEqual([{ channel: 'email', recipient: 'office@rapidrooter.test', body: expect.stringContaining('“The kitchen sink is leaking, please call back.”') }]);
  }, 90_000);

  it('copies the call’s Temporal history into PostgreSQL once the workflow has closed', async () => {
    const { number } = await seedNumberWithFlow(stack.asTestApp(), tenantId);
    const result = await stack.call({ from: '+12125550148', to: number });
    const calls = stack.app.get(CallsRepository);
    let history: unknown = null;
    for (let attempt = 0; attempt < 100 && history === null; attempt += 1) {
      history = await calls.history(result.call.id);
      if (history === null) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const events = (history as { events: Array<{ eventType: string; workflowExecutionStartedEventAttributes?: { workflowId?: string } }> }).events;
    expect(events[0]?.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(events.at(-1)?.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  }, 90_000);
});
