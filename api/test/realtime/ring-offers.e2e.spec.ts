import type { Queue } from '@callflow/schemas';
import { AgentRingCancelledSchema, AgentRingSchema, CallUpdatedSchema, LiveCallStepSchema, QueueUpdatedSchema } from '@callflow/schemas';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, seedDirectory, seedNumberWithFlow } from '../support/seed';
import { CallStack, commandsOf, eventsOfType, flowDocument, tts, waitFor, type CallResult } from '../e2e/call-stack';
import { agentLogin, LiveSocket, socketUrl } from './live-socket';

/*
 * Ring offers and live call state over a real socket, for real calls: the sandbox carrier places the call, the API
 * starts its workflow on the real Temporal server, a real worker runs it, and the agents' phones are simulated
 * endpoints that never answer by themselves, so only what the agents do on their sockets answers or refuses.
 */

const CALLER = '+12125550147';
const phone = (agentId: string) => `sip:${agentId}@sandbox.callflow.test`;
/** The caller ends the conversation a moment after being bridged (simulated seconds). */
const HANG_UP_AFTER_BRIDGE = { type: 'call.bridged', afterSecs: 2 };
// Agent ids are per company; the sandbox's phones are not: these are unique to this file.
const ANN = 'rt-ann';
const BOB = 'rt-bob';
const CY = 'rt-cy';

const QUEUE: Queue = {
  id: 'rt-help',
  name: 'Help desk',
  strategy: 'longest-idle',
  requiredSkills: [],
  members: [CY],
  maxWaitSecs: 600,
  maxSize: 10,
  announcePosition: false,
  announceExpectedWait: false,
  announceIntervalSecs: 60,
  agentRingTimeoutSecs: 120,
  wrapUpSecs: 0,
  holdAudio: null,
};

function ringGroupFlow(ringGroupId: string): unknown {
  return flowDocument(
    [
      { id: 'start', kind: 'entry' },
      { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId } } },
      { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody is available right now.') } },
      { id: 'bye', kind: 'hang-up' },
    ],
    ['start.next -> ring', 'ring.noAnswer -> sorry', 'sorry.next -> bye'],
  );
}

describe('live socket: ring offers and call state for real calls', () => {
  let stack: CallStack;
  let url: string;
  let acme: TenantLogins;
  let globex: TenantLogins;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    stack = await CallStack.start();
    url = socketUrl(stack.app);
    const app = { app: stack.app };
    acme = await createTenantWithUsers(app, {
      agentId: ANN,
      seed: (tenantId) =>
        seedDirectory(stack.asTestApp(), tenantId, {
          agents: [agent(ANN, '301'), agent(BOB, '302'), agent(CY, '303', { presence: 'away' })],
          ringGroups: [
            { id: 'together', name: 'Together', members: [{ agentId: ANN, priority: 1 }, { agentId: BOB, priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 300 },
            { id: 'in-turn', name: 'In turn', members: [{ agentId: ANN, priority: 1 }, { agentId: BOB, priority: 2 }], strategy: 'sequential', ringTimeoutSecs: 300 },
          ],
          queues: [QUEUE],
        }),
    });
    globex = await createTenantWithUsers(app);
    tokens[ANN] = acme.users.agent.accessToken;
    tokens[BOB] = await agentLogin(app, acme, BOB);
    tokens[CY] = await agentLogin(app, acme, CY);
    for (const agentId of [ANN, BOB, CY]) stack.sandbox.setEndpoint(phone(agentId), { answer: 'never' });
  }, 120_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  async function connect(token: string): Promise<LiveSocket> {
    const socket = await LiveSocket.connect(url, token);
    sockets.push(socket);
    return socket;
  }

  const publish = async (document: unknown) => (await seedNumberWithFlow(stack.asTestApp(), acme.tenantId, document)).number;

  /** The caller's leg was bridged to the leg that rang `agentId`. */
  async function bridgedTo(result: CallResult, agentId: string, legs: number): Promise<void> {
    const dialled = await stack.endedLegs(result.workflowId, legs);
    const agentLeg = dialled.find((leg) => leg.to === phone(agentId));
    const bridges = commandsOf(result).filter((command) => command.action === 'bridge');
    expect(bridges.map((bridge) => bridge.body.call_control_id)).toEqual([agentLeg?.callControlId]);
    expect(agentLeg?.answeredAt).not.toBeNull();
  }

  it("rings each agent with an offer only they see; the one who accepts is bridged, the other's offer is withdrawn", async () => {
    const [ann, bob, cy, acmeSupervisor, globexSupervisor] = await Promise.all([
      connect(tokens[ANN]!),
      connect(tokens[BOB]!),
      connect(tokens[CY]!),
      connect(acme.users.supervisor.accessToken),
      connect(globex.users.supervisor.accessToken),
    ]);
    const number = await publish(ringGroupFlow('together'));
    const call = stack.placeCall({ from: CALLER, to: number, hangUpAtEvent: HANG_UP_AFTER_BRIDGE });

    const annOffer = AgentRingSchema.parse(await ann.next('agent.ring.v1'));
    const bobOffer = AgentRingSchema.parse(await bob.next('agent.ring.v1'));
    expect(annOffer).toMatchObject({ agentId: ANN, caller: CALLER, flow: { name: 'Main line' }, queue: null });
    expect(bobOffer).toMatchObject({ agentId: BOB, callId: annOffer.callId });
    expect(bobOffer.offerId).not.toBe(annOffer.offerId);
    expect(Date.parse(annOffer.expiresAt) - Date.parse(annOffer.offeredAt)).toBe(300_000);
    // Someone else's offer cannot be answered, not even by an agent of the same company.
    expect(await bob.ask('agent.accept', { offerId: annOffer.offerId })).toEqual({ ok: false, error: `No ring offer ${annOffer.offerId} for you` });

    expect(await ann.ask('agent.accept', { offerId: annOffer.offerId })).toEqual({ ok: true });
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'ring' });
    expect(eventsOfType(result, 'agent.answered')).toEqual([expect.objectContaining({ agentId: ANN })]);
    await bridgedTo(result, ANN, 2);
    expect(AgentRingCancelledSchema.parse(await bob.next('agent.ring.cancelled.v1'))).toEqual({
      offerId: bobOffer.offerId,
      callId: result.call.id,
      agentId: BOB,
      reason: 'answered-elsewhere',
    });
    expect(await ann.next('agent.ring.cancelled.v1')).toMatchObject({ offerId: annOffer.offerId, reason: 'accepted' });
    expect(await ann.ask('agent.accept', { offerId: annOffer.offerId })).toEqual({ ok: false, error: 'The offer is over (accepted)' });
    expect(ann.all('agent.ring.v1')).toEqual([annOffer]);
    expect(bob.all('agent.ring.v1')).toEqual([bobOffer]);
    // An agent outside the group: its acknowledgement comes after anything sent to it earlier, and nothing was.
    expect(await cy.ask('agent.accept', { offerId: annOffer.offerId })).toMatchObject({ ok: false });
    expect(cy.received).toEqual([]);

    // The company's supervisor saw the call move and end, and every step as it landed, in order.
    const ended = CallUpdatedSchema.parse(await acmeSupervisor.next('call.updated.v1', (update) => update.status === 'ended'));
    expect(ended).toMatchObject({ callId: result.call.id, caller: CALLER, called: number, outcome: { result: 'answered', node: 'ring' } });
    expect(ended.flow).toMatchObject({ id: result.call.flowId, name: 'Main line', versionId: result.call.flowVersionId, version: 1 });
    const updates = acmeSupervisor.all('call.updated.v1').filter((update) => update.callId === result.call.id);
    // One update per batch of steps that entered a node (the workflow may write several steps at once).
    expect(updates.map((update) => update.status)).toEqual([...updates.slice(1).map(() => 'running'), 'ended']);
    expect(updates.map((update) => update.currentNode?.id).slice(-2)).toEqual(['ring', 'ring']);
    const steps = acmeSupervisor.all('call.step.v1').filter((step) => step.callId === result.call.id);
    steps.forEach((step) => LiveCallStepSchema.parse(step));
    expect(steps.map((step) => step.seq)).toEqual(result.events.map((_, index) => index + 1));
    expect(steps.map((step) => step.step)).toEqual(result.events);
    expect(acmeSupervisor.all('agent.ring.v1')).toEqual([]);
    // Another company's supervisor: nothing before this acknowledgement, nor anything about the call at all.
    expect(await globexSupervisor.ask('call.subscribe', { callId: result.call.id })).toEqual({ ok: false, error: `Call ${result.call.id} does not exist` });
    expect(globexSupervisor.received).toEqual([]);
  }, 60_000);

  it('lets the agent who accepted follow the call and hang up from the console, which ends the conversation', async () => {
    const ann = await connect(tokens[ANN]!);
    const number = await publish(ringGroupFlow('in-turn'));
    // The caller stays on the line: only the agent's hang-up ends the conversation.
    const call = stack.placeCall({ from: CALLER, to: number });

    const offer = await ann.next('agent.ring.v1');
    expect(await ann.ask('agent.hangup', { offerId: offer.offerId })).toEqual({ ok: false, error: 'You are not on this call: the offer was never accepted' });
    expect(await ann.ask('agent.accept', { offerId: offer.offerId })).toEqual({ ok: true });
    expect(await ann.ask('call.subscribe', { callId: offer.callId })).toEqual({ ok: true });
    // The console shows the call as the agent's once the stored call log says they answered.
    expect(await ann.next('agent.ring.cancelled.v1')).toMatchObject({ offerId: offer.offerId, reason: 'accepted' });
    await waitFor('the agent to be bridged to the caller', () =>
      stack.sandbox.listCalls().find((leg) => leg.to === phone(ANN) && leg.state === 'answered' && leg.bridgedWith !== null),
    );

    expect(await ann.ask('agent.hangup', { offerId: offer.offerId })).toEqual({ ok: true });
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'ring' });
    const agentLeg = (await stack.endedLegs(result.workflowId, 1)).find((leg) => leg.to === phone(ANN));
    expect(agentLeg).toMatchObject({ answeredAt: expect.any(Number), hangup: { cause: 'normal_clearing', source: 'callee' } });
    expect(await ann.next('call.updated.v1', (update) => update.status === 'ended')).toMatchObject({ callId: offer.callId, outcome: { result: 'answered' } });
    expect(await ann.ask('agent.hangup', { offerId: offer.offerId })).toEqual({ ok: false, error: 'The call is over' });
  }, 60_000);

  it('lets the agent who accepted transfer the caller to a colleague by extension, who is rung and bridged', async () => {
    const [ann, bob] = await Promise.all([connect(tokens[ANN]!), connect(tokens[BOB]!)]);
    const number = await publish(ringGroupFlow('in-turn'));
    // The caller hangs up a moment after the second bridge (to the colleague).
    const call = stack.placeCall({ from: CALLER, to: number, hangUpAtEvent: { type: 'call.bridged', occurrence: 2, afterSecs: 2 } });

    const offer = await ann.next('agent.ring.v1');
    expect(await ann.ask('agent.transfer', { offerId: offer.offerId, extension: '302' })).toEqual({ ok: false, error: 'You are not on this call: the offer was never accepted' });
    expect(await ann.ask('agent.accept', { offerId: offer.offerId })).toEqual({ ok: true });
    expect(await ann.next('agent.ring.cancelled.v1')).toMatchObject({ offerId: offer.offerId, reason: 'accepted' });
    await waitFor('the agent to be bridged to the caller', () =>
      stack.sandbox.listCalls().find((leg) => leg.to === phone(ANN) && leg.state === 'answered' && leg.bridgedWith !== null),
    );

    expect(await ann.ask('agent.transfer', { offerId: offer.offerId, extension: '399' })).toEqual({
      ok: false,
      error: 'No extension 399',
      issues: [{ path: 'extension', message: 'no agent, ring group or mailbox has extension 399' }],
    });
    expect(await ann.ask('agent.transfer', { offerId: offer.offerId, extension: 'x1' })).toMatchObject({ ok: false, issues: [{ path: 'extension' }] });
    expect(await ann.ask('agent.transfer', { offerId: offer.offerId, extension: '302' })).toEqual({ ok: true });
    const bobOffer = AgentRingSchema.parse(await bob.next('agent.ring.v1'));
    expect(bobOffer).toMatchObject({ callId: offer.callId, caller: CALLER, agentId: BOB });
    expect(await bob.ask('agent.accept', { offerId: bobOffer.offerId })).toEqual({ ok: true });
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'ring' });
    expect(eventsOfType(result, 'agent.transferred')).toEqual([expect.objectContaining({ agentId: ANN, extension: '302' })]);
    expect(eventsOfType(result, 'agent.answered').map((event) => event.agentId)).toEqual([ANN, BOB]);
    const legs = await stack.endedLegs(result.workflowId, 2);
    const bridges = commandsOf(result).filter((command) => command.action === 'bridge');
    expect(bridges.map((bridge) => bridge.body.call_control_id)).toEqual([phone(ANN), phone(BOB)].map((to) => legs.find((leg) => leg.to === to)?.callControlId));
    expect(legs.every((leg) => leg.answeredAt !== null)).toBe(true);
  }, 60_000);

  it('moves on to the next agent when one declines over the socket', async () => {
    const [ann, bob] = await Promise.all([connect(tokens[ANN]!), connect(tokens[BOB]!)]);
    const number = await publish(ringGroupFlow('in-turn'));
    const call = stack.placeCall({ from: CALLER, to: number, hangUpAtEvent: HANG_UP_AFTER_BRIDGE });

    const annOffer = await ann.next('agent.ring.v1');
    expect(bob.all('agent.ring.v1')).toEqual([]);
    expect(await ann.ask('agent.decline', { offerId: annOffer.offerId })).toEqual({ ok: true });
    expect(await ann.next('agent.ring.cancelled.v1')).toMatchObject({ offerId: annOffer.offerId, reason: 'declined' });
    const bobOffer = await bob.next('agent.ring.v1');
    expect(bobOffer.callId).toBe(annOffer.callId);
    expect(await bob.ask('agent.accept', { offerId: bobOffer.offerId })).toEqual({ ok: true });
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'ring' });
    expect(eventsOfType(result, 'agent.missed')).toEqual([expect.objectContaining({ agentId: ANN, cause: 'call_rejected' })]);
    expect(eventsOfType(result, 'agent.answered')).toEqual([expect.objectContaining({ agentId: BOB })]);
    await bridgedTo(result, BOB, 2);
    expect(await ann.ask('agent.accept', { offerId: annOffer.offerId })).toEqual({ ok: false, error: 'The offer is over (declined)' });
  }, 60_000);

  it('offers a queued caller with the queue and the wait once the agent is available, and shows supervisors who waits', async () => {
    const [cy, supervisor] = await Promise.all([connect(tokens[CY]!), connect(acme.users.supervisor.accessToken)]);
    const number = await publish(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'wait', kind: 'queue', config: { queueId: QUEUE.id } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> wait', 'wait.timeout -> bye'],
      ),
    );
    const call = stack.placeCall({ from: CALLER, to: number, hangUpAtEvent: HANG_UP_AFTER_BRIDGE });

    // Cy is away: the caller waits, and the supervisor sees it.
    const waiting = QueueUpdatedSchema.parse(await supervisor.next('queue.updated.v1'));
    expect(waiting).toMatchObject({ queueId: QUEUE.id, name: 'Help desk', waiting: [{ caller: CALLER }] });
    expect(waiting.longestWaitSecs).toBeGreaterThanOrEqual(0);
    expect(await cy.ask('agent.presence.set', { presence: 'available' })).toEqual({ ok: true });
    expect(await supervisor.next('agent.presence.v1')).toMatchObject({ agentId: CY, presence: 'available' });

    const offer = AgentRingSchema.parse(await cy.next('agent.ring.v1'));
    expect(offer).toMatchObject({ agentId: CY, callId: waiting.waiting[0]?.callId, queue: { id: QUEUE.id, name: 'Help desk' } });
    expect(offer.waitingSince).toBe(waiting.waiting[0]?.joinedAt);
    expect(Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt)).toBe(QUEUE.agentRingTimeoutSecs * 1000);

    expect(await cy.ask('agent.accept', { offerId: offer.offerId })).toEqual({ ok: true });
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'wait' });
    expect(eventsOfType(result, 'agent.answered')).toEqual([expect.objectContaining({ agentId: CY })]);
    await bridgedTo(result, CY, 1);
    // Answered: nobody waits any more.
    expect(await supervisor.next('queue.updated.v1', (update) => update.waiting.length === 0)).toMatchObject({ queueId: QUEUE.id, longestWaitSecs: null });
  }, 60_000);
});
