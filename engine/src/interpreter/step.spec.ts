import { compileOrThrow, flowDocument, tts } from '../../test/support/flow-builder';
import { initialCallState, MAX_STEPS_WITHOUT_WAITING, step } from './step';
import type { CallState, Command, CommandOf, EngineEvent, RunnableProgram, StepResult } from './types';

const T0 = Date.parse('2026-11-24T15:00:00Z');

/** Drives one call through `step`, keeping the state and the latest output. */
class CallDriver {
  state: CallState;
  last: StepResult | null = null;
  readonly allCommands: Command[] = [];
  private clock = T0;

  constructor(readonly program: RunnableProgram) {
    this.state = initialCallState(program);
  }

  send(event: EngineEvent, afterMs = 1000): StepResult {
    this.clock += afterMs;
    this.last = step(this.program, this.state, { ...event, at: this.clock } as never);
    this.state = this.last.state;
    this.allCommands.push(...this.last.commands);
    return this.last;
  }

  start(): StepResult {
    this.send({ type: 'call.started', call: { callId: 'c1', from: '+14155550123', to: '+18005550100' } }, 0);
    return this.send({ type: 'call.answered' }, 200);
  }

  command<T extends Command['type']>(type: T): CommandOf<T> {
    const found = [...this.allCommands].reverse().find((command) => command.type === type);
    if (!found) throw new Error(`no ${type} command; got ${this.allCommands.map((command) => command.type).join(', ')}`);
    return found as CommandOf<T>;
  }
}

const menuFlow = () =>
  compileOrThrow(
    flowDocument(
      [
        { id: 'entry', kind: 'entry' },
        {
          id: 'menu',
          kind: 'menu',
          config: { prompt: tts('Press 1 for sales'), options: [{ digit: '1', label: 'Sales' }], maxAttempts: 2 },
        },
        { id: 'sales', kind: 'play', config: { prompt: tts('Connecting you to sales') } },
        { id: 'bye', kind: 'hang-up' },
      ],
      ['entry.next -> menu', 'menu.1 -> sales', 'sales.next -> bye', 'menu.timeout -> bye', 'menu.noMatch -> bye'],
    ),
  );

/** A caller put in the `support` queue, hung up on afterwards whichever way they leave it. */
const supportQueueFlow = () =>
  compileOrThrow(
    flowDocument(
      [
        { id: 'entry', kind: 'entry' },
        { id: 'queue', kind: 'queue', config: { queueId: 'support' } },
        { id: 'bye', kind: 'hang-up' },
      ],
      ['entry.next -> queue', 'queue.timeout -> bye', 'queue.answered -> bye'],
    ),
  );

describe('step', () => {
  it('answers first and plays nothing before the carrier confirms the answer', () => {
    const call = new CallDriver(menuFlow());
    const started = call.send({ type: 'call.started', call: { callId: 'c1', from: '+14155550123', to: '+18005550100' } }, 0);
    expect(started.commands).toEqual([{ type: 'answer' }]);
    expect(call.state.stepId).toBe('entry');
    const answered = call.send({ type: 'call.answered' });
    expect(answered.commands.map((command) => command.type)).toEqual(['gather']);
    expect(call.state.stepId).toBe('menu');
  });

  it('does not change its input state (the host may retry a step with the same state)', () => {
    const call = new CallDriver(menuFlow());
    call.start();
    const before = JSON.parse(JSON.stringify(call.state));
    const frozen = call.state;
    step(call.program, frozen, { type: 'gather.ended', at: T0 + 5000, gatherId: call.command('gather').gatherId, digits: '1', status: 'valid' });
    expect(frozen).toEqual(before);
  });

  it('gives the same output for the same state and input', () => {
    const call = new CallDriver(menuFlow());
    call.start();
    const input = { type: 'gather.ended', at: T0 + 5000, gatherId: call.command('gather').gatherId, digits: '1', status: 'valid' } as const;
    expect(step(call.program, call.state, input)).toEqual(step(call.program, call.state, input));
  });

  it('ignores duplicated and stale carrier events', () => {
    const call = new CallDriver(menuFlow());
    call.start();
    const gatherId = call.command('gather').gatherId;
    call.send({ type: 'gather.ended', gatherId, digits: '1', status: 'valid' });
    expect(call.state.stepId).toBe('sales');
    const stateAfter = call.state;
    const duplicate = call.send({ type: 'gather.ended', gatherId, digits: '1', status: 'valid' });
    expect(duplicate.commands).toEqual([]);
    expect(duplicate.events).toEqual([]);
    expect(call.state).toEqual(stateAfter);
    const unrelated = call.send({ type: 'prompt.ended', promptId: 'prompt-999', status: 'completed' });
    expect(unrelated.commands).toEqual([]);
  });

  it('ignores everything before call.started and after the call ended', () => {
    const program = menuFlow();
    const early = step(program, initialCallState(program), { type: 'call.answered', at: T0 });
    expect(early.state.status).toBe('new');
    const call = new CallDriver(program);
    call.start();
    call.send({ type: 'call.hangup', cause: 'normal_clearing' });
    expect(call.state.status).toBe('ended');
    const late = call.send({ type: 'gather.ended', gatherId: call.command('gather').gatherId, digits: '1', status: 'valid' });
    expect(late).toMatchObject({ commands: [], events: [] });
  });

  it('ends as abandoned when the caller hangs up at a menu, without sending a hangup back', () => {
    const call = new CallDriver(menuFlow());
    call.start();
    const result = call.send({ type: 'call.hangup', cause: 'normal_clearing' });
    expect(result.commands).toEqual([]);
    expect(call.state.outcome).toEqual({ result: 'abandoned', node: 'menu', reason: 'caller hung up' });
    expect(result.events.at(-1)).toMatchObject({ type: 'call.ended', node: 'menu' });
  });

  it('counts a second hangup only once', () => {
    const call = new CallDriver(menuFlow());
    call.start();
    call.send({ type: 'call.hangup', cause: 'normal_clearing' });
    const again = call.send({ type: 'call.hangup', cause: 'normal_clearing' });
    expect(again.events).toEqual([]);
  });

  it('hangs up when it reaches an unconnected optional port', () => {
    const program = compileOrThrow(
      flowDocument(
        [
          { id: 'entry', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('Press 1'), options: [{ digit: '1', label: 'One' }], maxAttempts: 1 } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['entry.next -> menu', 'menu.1 -> bye'],
      ),
    );
    const call = new CallDriver(program);
    call.start();
    const result = call.send({ type: 'gather.ended', gatherId: call.command('gather').gatherId, digits: '', status: 'timeout' });
    expect(result.commands).toEqual([{ type: 'hangup' }]);
    expect(call.state.outcome).toMatchObject({ result: 'completed', node: 'menu', reason: 'nothing is connected to “timeout”' });
  });

  it('stops a loop that never waits at run time, even if static analysis was bypassed', () => {
    const program: RunnableProgram = {
      irVersion: 1,
      flowId: 'loop',
      name: 'Loop',
      timeZone: 'UTC',
      entry: 'a',
      variables: {},
      references: [],
      steps: {
        a: { kind: 'set-variable', node: 'a', label: 'a', config: { assignments: [{ variable: 'n', value: { type: 'expression', expression: 'coalesce(vars.n, 0) + 1' } }] }, exits: { next: 'b' } },
        b: { kind: 'set-variable', node: 'b', label: 'b', config: { assignments: [{ variable: 'm', value: { type: 'literal', value: 1 } }] }, exits: { next: 'a' } },
      },
    };
    const result = step(program, initialCallState(program), { type: 'call.started', at: T0, call: { callId: 'c', from: '+1', to: '+2' } });
    expect(result.state.status).toBe('ended');
    expect(result.state.outcome?.result).toBe('failed');
    expect(result.state.vars.n).toBeGreaterThanOrEqual(MAX_STEPS_WITHOUT_WAITING / 2);
    expect(result.commands).toEqual([{ type: 'hangup' }]);
  });

  it('continues in a pinned sub-flow without answering the call twice', () => {
    const main = compileOrThrow(
      flowDocument(
        [
          { id: 'entry', kind: 'entry' },
          { id: 'jump', kind: 'go-to', config: { target: { type: 'flow', flowId: 'support' } } },
        ],
        ['entry.next -> jump'],
      ),
      'main',
    );
    const support = compileOrThrow(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'hello', kind: 'play', config: { prompt: tts('Support here') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> hello', 'hello.next -> bye'],
      ),
      'support',
    );
    const call = new CallDriver({ ...main, subflows: { support } });
    const result = call.start();
    expect(result.commands).toEqual([expect.objectContaining({ type: 'play', prompt: expect.objectContaining({ text: 'Support here' }) })]);
    expect(call.state.flowId).toBe('support');
    expect(result.events.map((event) => event.type)).toContain('flow.switched');
    expect(call.allCommands.filter((command) => command.type === 'answer')).toHaveLength(1);
  });

  it('fails cleanly when a sub-flow was not pinned', () => {
    const main = compileOrThrow(
      flowDocument(
        [
          { id: 'entry', kind: 'entry' },
          { id: 'jump', kind: 'go-to', config: { target: { type: 'flow', flowId: 'missing' } } },
        ],
        ['entry.next -> jump'],
      ),
    );
    const call = new CallDriver(main);
    call.start();
    expect(call.state.outcome).toMatchObject({ result: 'failed', reason: 'flow missing is not available' });
  });

  it('renders templates with variables, caller number parts and time in the flow time zone', () => {
    const program = compileOrThrow(
      flowDocument(
        [
          { id: 'entry', kind: 'entry' },
          { id: 'set', kind: 'set-variable', config: { assignments: [{ variable: 'greeting', value: { type: 'expression', expression: 'lower("GOOD") + " " + string(time.hour)' } }] } },
          { id: 'say', kind: 'play', config: { prompt: tts('{{vars.greeting}}, caller from {{caller.areaCode}}') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['entry.next -> set', 'set.next -> say', 'say.next -> bye'],
      ),
    );
    const call = new CallDriver(program);
    const result = call.start();
    expect(result.commands).toEqual([expect.objectContaining({ prompt: expect.objectContaining({ text: 'good 10, caller from 415' }) })]);
  });

  describe('routing nodes clean up after themselves', () => {
    const agentTarget = (id: string) => ({ label: id, agentId: id, address: { type: 'sandbox' as const, id } });
    const ringFlow = () =>
      compileOrThrow(
        flowDocument(
          [
            { id: 'entry', kind: 'entry' },
            { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'sales' } } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['entry.next -> ring', 'ring.noAnswer -> bye', 'ring.answered -> bye'],
        ),
      );
    const ringing = () => {
      const call = new CallDriver(ringFlow());
      call.start();
      call.send({
        type: 'lookup.completed',
        requestId: call.command('lookup').requestId,
        result: { type: 'ring-plan', plan: { attempts: [{ timeoutSecs: 20, targets: [agentTarget('ann'), agentTarget('bob')] }], skipped: [] } },
      });
      const legs = call.allCommands.filter((command): command is CommandOf<'dial'> => command.type === 'dial');
      return { call, legs };
    };

    it('bridges the first agent to answer and hangs up the others', () => {
      const { call, legs } = ringing();
      expect(legs.map((leg) => leg.target.agentId)).toEqual(['ann', 'bob']);
      const answered = call.send({ type: 'leg.answered', legId: legs[1]!.legId });
      expect(answered.commands).toEqual([
        { type: 'cancel-timer', timerId: call.command('start-timer').timerId },
        { type: 'hangup-leg', legId: legs[0]!.legId },
        { type: 'bridge', legId: legs[1]!.legId },
      ]);
      const bridged = call.send({ type: 'leg.bridged', legId: legs[1]!.legId });
      expect(bridged.commands).toEqual([]);
      expect(call.state.stepId).toBe('ring');
      call.send({ type: 'leg.ended', legId: legs[1]!.legId, cause: 'normal_clearing' });
      expect(call.state.stepId).toBe('bye');
      call.send({ type: 'call.hangup', cause: 'normal_clearing' });
      expect(call.state.outcome?.result).toBe('answered');
    });

    it('does not count the call as answered when the agent is gone before the bridge', () => {
      const { call, legs } = ringing();
      call.send({ type: 'leg.answered', legId: legs[0]!.legId });
      call.send({ type: 'leg.ended', legId: legs[0]!.legId, cause: 'normal_clearing' });
      expect(call.state.stepId).toBe('bye');
      call.send({ type: 'call.hangup', cause: 'normal_clearing' });
      expect(call.state.outcome?.result).toBe('completed');
    });

    it('moves to noAnswer when every leg fails or the ring timer fires', () => {
      const { call, legs } = ringing();
      call.send({ type: 'leg.ended', legId: legs[0]!.legId, cause: 'call_rejected' });
      expect(call.state.stepId).toBe('ring');
      call.send({ type: 'timer.fired', timerId: call.command('start-timer').timerId });
      expect(call.last?.commands).toContainEqual({ type: 'hangup-leg', legId: legs[1]!.legId });
      expect(call.state.stepId).toBe('bye');
    });

    it('hangs up ringing agents when the caller leaves', () => {
      const { call, legs } = ringing();
      const result = call.send({ type: 'call.hangup', cause: 'originator_cancel' });
      expect(result.commands).toEqual(
        expect.arrayContaining([
          { type: 'hangup-leg', legId: legs[0]!.legId },
          { type: 'hangup-leg', legId: legs[1]!.legId },
        ]),
      );
      expect(call.state.outcome?.result).toBe('abandoned');
    });

    it('hangs up ringing agents and the caller when the host cannot carry the call on', () => {
      const { call, legs } = ringing();
      const result = call.send({ type: 'call.failed', reason: 'the carrier did not answer' });
      expect(result.commands).toEqual([
        { type: 'cancel-timer', timerId: call.command('start-timer').timerId },
        { type: 'hangup-leg', legId: legs[0]!.legId },
        { type: 'hangup-leg', legId: legs[1]!.legId },
        { type: 'hangup' },
      ]);
      expect(call.state).toMatchObject({ status: 'ended', outcome: { result: 'failed', node: 'ring', reason: 'the carrier did not answer' } });
      expect(result.events).toContainEqual(expect.objectContaining({ type: 'call.ended', outcome: call.state.outcome }));
      expect(call.send({ type: 'leg.answered', legId: legs[0]!.legId }).commands).toEqual([]);
    });

    describe('an agent in conversation transfers the caller to an extension', () => {
      const bridgedTo = (agent: 'ann' | 'bob') => {
        const { call, legs } = ringing();
        const leg = legs.find((candidate) => candidate.target.agentId === agent)!;
        call.send({ type: 'leg.answered', legId: leg.legId });
        call.send({ type: 'leg.bridged', legId: leg.legId });
        return { call, leg };
      };
      const planFor = (agent: string) => ({ attempts: [{ timeoutSecs: 30, targets: [agentTarget(agent)] }], skipped: [] });

      it('hangs up their leg, rings the extension and bridges whoever answers there', () => {
        const { call, leg } = bridgedTo('bob');
        const transferred = call.send({ type: 'transfer.requested', legId: leg.legId, extension: '120', plan: planFor('cara') });
        const caraLeg = call.command('dial');
        expect(caraLeg.target.agentId).toBe('cara');
        expect(transferred.commands).toEqual([{ type: 'hangup-leg', legId: leg.legId }, caraLeg, { type: 'start-timer', timerId: expect.any(String), seconds: 30 }]);
        expect(transferred.events.map((event) => event.type)).toEqual(['agent.transferred', 'agents.rung']);
        expect(transferred.events[0]).toMatchObject({ target: 'bob', agentId: 'bob', extension: '120' });

        // Bob's leg ending now concerns nobody: the caller waits for Cara.
        call.send({ type: 'leg.ended', legId: leg.legId, cause: 'normal_clearing' });
        expect(call.state.stepId).toBe('ring');
        const answered = call.send({ type: 'leg.answered', legId: caraLeg.legId });
        expect(answered.commands).toContainEqual({ type: 'bridge', legId: caraLeg.legId });
        expect(answered.events).toContainEqual(expect.objectContaining({ type: 'agent.answered', agentId: 'cara' }));
        call.send({ type: 'leg.bridged', legId: caraLeg.legId });
        call.send({ type: 'leg.ended', legId: caraLeg.legId, cause: 'normal_clearing' });
        expect(call.state.stepId).toBe('bye');
        call.send({ type: 'call.hangup', cause: 'normal_clearing' });
        expect(call.state.outcome?.result).toBe('answered');
      });

      it('takes the no-answer branch when nobody answers at the extension', () => {
        const { call, leg } = bridgedTo('ann');
        call.send({ type: 'transfer.requested', legId: leg.legId, extension: '120', plan: planFor('cara') });
        const timedOut = call.send({ type: 'timer.fired', timerId: call.command('start-timer').timerId });
        expect(call.state.stepId).toBe('bye');
        expect(timedOut.events).toContainEqual(expect.objectContaining({ type: 'node.exited', node: 'ring', port: 'noAnswer' }));
      });

      it('ignores a transfer of a leg that is not in conversation', () => {
        const { call, legs } = ringing();
        const result = call.send({ type: 'transfer.requested', legId: legs[0]!.legId, extension: '120', plan: planFor('cara') });
        expect(result.commands).toEqual([]);
        expect(call.state.stepId).toBe('ring');
      });
    });

    it('leaves the queue and records abandonment when the caller hangs up while waiting', () => {
      const program = supportQueueFlow();
      const call = new CallDriver(program);
      call.start();
      expect(call.command('enqueue')).toMatchObject({ queueId: 'support', callerNumber: '+14155550123' });
      call.send({
        type: 'queue.joined',
        position: 3,
        expectedWaitSecs: 120,
        settings: { maxWaitSecs: 600, announcePosition: true, announceExpectedWait: false, announceIntervalSecs: 60, holdAudioUrl: null },
      });
      expect(call.last?.commands.map((command) => command.type)).toEqual(['start-timer', 'play', 'start-timer']);
      expect(call.command('play').prompt).toMatchObject({ text: 'You are caller number 3 in line.' });
      const result = call.send({ type: 'call.hangup', cause: 'normal_clearing' });
      expect(result.commands).toContainEqual({ type: 'leave-queue', queueId: 'support', reason: 'hangup' });
      expect(call.state.outcome).toMatchObject({ result: 'abandoned', node: 'queue' });
    });

    it('leaves the queue when the host cannot carry the call on while it waits', () => {
      const call = new CallDriver(supportQueueFlow());
      call.start();
      call.send({
        type: 'queue.joined',
        position: 2,
        expectedWaitSecs: null,
        settings: { maxWaitSecs: 600, announcePosition: false, announceExpectedWait: false, announceIntervalSecs: 60, holdAudioUrl: null },
      });
      const result = call.send({ type: 'call.failed', reason: 'a look-up failed' });
      expect(result.commands).toContainEqual({ type: 'leave-queue', queueId: 'support', reason: 'hangup' });
      expect(result.commands.at(-1)).toEqual({ type: 'hangup' });
      expect(call.state.outcome).toMatchObject({ result: 'failed', node: 'queue', reason: 'a look-up failed' });
    });

    it('ends a call that fails before it started, and one that ended already stays as it was', () => {
      const program = supportQueueFlow();
      const early = new CallDriver(program);
      expect(early.send({ type: 'call.failed', reason: 'no worker could load the flow' }).commands).toEqual([{ type: 'hangup' }]);
      expect(early.state.outcome).toEqual({ result: 'failed', node: null, reason: 'no worker could load the flow' });

      const ended = new CallDriver(program);
      ended.start();
      ended.send({ type: 'call.hangup', cause: 'normal_clearing' });
      const outcome = ended.state.outcome;
      expect(ended.send({ type: 'call.failed', reason: 'too late' }).commands).toEqual([]);
      expect(ended.state.outcome).toEqual(outcome);
    });

    it('says why the caller left by the timeout port: the queue was full, or the longest wait passed', () => {
      const program = supportQueueFlow();
      const overflowed = (result: StepResult) => result.events.filter((event) => event.type === 'queue.overflowed' || (event.type === 'node.exited' && event.node === 'queue'));

      const full = new CallDriver(program);
      full.start();
      expect(overflowed(full.send({ type: 'queue.rejected', reason: 'full' }))).toEqual([
        expect.objectContaining({ type: 'queue.overflowed', queueId: 'support', reason: 'full' }),
        expect.objectContaining({ type: 'node.exited', port: 'timeout', target: 'bye' }),
      ]);

      const waited = new CallDriver(program);
      waited.start();
      waited.send({
        type: 'queue.joined',
        position: 1,
        expectedWaitSecs: null,
        settings: { maxWaitSecs: 60, announcePosition: false, announceExpectedWait: false, announceIntervalSecs: 60, holdAudioUrl: null },
      });
      const timedOut = waited.send({ type: 'timer.fired', timerId: waited.command('start-timer').timerId }, 60_000);
      expect(timedOut.commands).toContainEqual({ type: 'leave-queue', queueId: 'support', reason: 'timeout' });
      expect(overflowed(timedOut)).toEqual([
        expect.objectContaining({ type: 'queue.overflowed', queueId: 'support', reason: 'max-wait' }),
        expect.objectContaining({ type: 'node.exited', port: 'timeout', target: 'bye' }),
      ]);
    });

    it.each([
      { case: "the node's hold audio over the queue's", nodeHold: 'https://a.example/node.mp3', queueHold: 'https://a.example/queue.mp3', heard: 'https://a.example/node.mp3' },
      { case: "the queue's hold audio when the node names none", nodeHold: null, queueHold: 'https://a.example/queue.mp3', heard: 'https://a.example/queue.mp3' },
      { case: 'the default hold music when neither names one', nodeHold: null, queueHold: null, heard: null },
    ])('plays $case', ({ nodeHold, queueHold, heard }) => {
      const holdAudio = nodeHold === null ? null : { type: 'audio', url: nodeHold };
      const program = compileOrThrow(
        flowDocument(
          [
            { id: 'entry', kind: 'entry' },
            { id: 'queue', kind: 'queue', config: { queueId: 'support', holdAudio } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['entry.next -> queue', 'queue.timeout -> bye'],
        ),
      );
      const call = new CallDriver(program);
      call.start();
      call.send({
        type: 'queue.joined',
        position: 1,
        expectedWaitSecs: null,
        settings: { maxWaitSecs: 600, announcePosition: false, announceExpectedWait: false, announceIntervalSecs: 60, holdAudioUrl: queueHold },
      });
      expect(call.last?.commands).toContainEqual({ type: 'start-hold-music', url: heard });
    });

    it('offers the caller to an agent assigned before the join was confirmed', () => {
      const program = supportQueueFlow();
      const call = new CallDriver(program);
      call.start();
      const target = { agentId: 'alice', label: 'Alice', address: { type: 'sandbox' as const, id: 'alice' } };
      const early = call.send({ type: 'queue.agent-assigned', assignmentId: 'a-1', target, timeoutSecs: 15 });
      expect(early.commands).toEqual([]);
      call.send({
        type: 'queue.joined',
        position: 1,
        expectedWaitSecs: null,
        settings: { maxWaitSecs: 600, announcePosition: false, announceExpectedWait: false, announceIntervalSecs: 60, holdAudioUrl: null },
      });
      expect(call.command('dial')).toMatchObject({ target: { agentId: 'alice' } });
    });

    it('lets a queue agent transfer the caller, releasing them when that call is over', () => {
      const program = supportQueueFlow();
      const call = new CallDriver(program);
      call.start();
      call.send({
        type: 'queue.joined',
        position: 1,
        expectedWaitSecs: null,
        settings: { maxWaitSecs: 600, announcePosition: false, announceExpectedWait: false, announceIntervalSecs: 60, holdAudioUrl: null },
      });
      call.send({ type: 'queue.agent-assigned', assignmentId: 'a-1', target: agentTarget('alice'), timeoutSecs: 15 });
      const aliceLeg = call.command('dial').legId;
      call.send({ type: 'leg.answered', legId: aliceLeg });
      call.send({ type: 'leg.bridged', legId: aliceLeg });

      call.send({ type: 'transfer.requested', legId: aliceLeg, extension: '120', plan: { attempts: [{ timeoutSecs: 30, targets: [agentTarget('cara')] }], skipped: [] } });
      expect(call.command('dial').target.agentId).toBe('cara');
      expect(call.state.stepId).toBe('queue');
      const timedOut = call.send({ type: 'timer.fired', timerId: call.command('start-timer').timerId });
      expect(timedOut.commands).toContainEqual({ type: 'release-queue-agent', queueId: 'support', assignmentId: 'a-1' });
      expect(call.state.stepId).toBe('bye');
    });

    it('keeps a voicemail when the caller hangs up to finish the message', () => {
      const program = compileOrThrow(
        flowDocument(
          [
            { id: 'entry', kind: 'entry' },
            { id: 'vm', kind: 'voicemail', config: { mailboxId: 'office' } },
          ],
          ['entry.next -> vm'],
        ),
      );
      const call = new CallDriver(program);
      call.start();
      call.send({ type: 'lookup.completed', requestId: call.command('lookup').requestId, result: { type: 'mailbox', mailbox: null } });
      expect(call.command('play').prompt).toMatchObject({ text: 'Please leave a message after the tone.' });
      call.send({ type: 'prompt.ended', promptId: call.command('play').promptId, status: 'completed' });
      expect(call.command('record-voicemail')).toMatchObject({ maxLengthSecs: 120, beep: true });
      call.send({ type: 'call.hangup', cause: 'normal_clearing' });
      expect(call.state.status).toBe('running');
      call.send({ type: 'recording.saved', recording: 'voicemail', url: 'https://example.test/vm.mp3', durationSecs: 14 });
      expect(call.command('save-voicemail')).toMatchObject({ mailboxId: 'office', callerNumber: '+14155550123', recording: { durationSecs: 14 } });
      expect(call.state.outcome).toMatchObject({ result: 'voicemail' });
      expect(call.allCommands.filter((command) => command.type === 'hangup')).toEqual([]);
    });

    it('keeps waiting for its own message when the call recording it stopped reports its audio first', () => {
      const program = compileOrThrow(
        flowDocument(
          [
            { id: 'entry', kind: 'entry' },
            { id: 'rec', kind: 'record', config: { action: 'start' } },
            { id: 'vm', kind: 'voicemail', config: { mailboxId: 'office' } },
          ],
          ['entry.next -> rec', 'rec.next -> vm'],
        ),
      );
      const call = new CallDriver(program);
      call.start();
      expect(call.command('start-recording')).toMatchObject({ channels: 'single', format: 'mp3' });
      call.send({ type: 'lookup.completed', requestId: call.command('lookup').requestId, result: { type: 'mailbox', mailbox: null } });
      call.send({ type: 'prompt.ended', promptId: call.command('play').promptId, status: 'completed' });
      expect(call.allCommands.map((command) => command.type)).toEqual(expect.arrayContaining(['stop-recording', 'record-voicemail']));
      const callRecording = call.send({ type: 'recording.saved', recording: 'call', url: 'https://example.test/call.mp3', durationSecs: 40 });
      expect(callRecording.commands).toEqual([]);
      expect(call.state.stepId).toBe('vm');
      call.send({ type: 'recording.saved', recording: 'voicemail', url: 'https://example.test/vm.mp3', durationSecs: 9 });
      expect(call.command('save-voicemail')).toMatchObject({ recording: { url: 'https://example.test/vm.mp3', durationSecs: 9 } });
      expect(call.state.outcome).toMatchObject({ result: 'voicemail' });
    });

    it('gives up waiting for a voicemail recording that never arrives', () => {
      const program = compileOrThrow(
        flowDocument([{ id: 'entry', kind: 'entry' }, { id: 'vm', kind: 'voicemail', config: { mailboxId: 'office' } }], ['entry.next -> vm']),
      );
      const call = new CallDriver(program);
      call.start();
      call.send({ type: 'lookup.completed', requestId: call.command('lookup').requestId, result: { type: 'mailbox', mailbox: null } });
      call.send({ type: 'prompt.ended', promptId: call.command('play').promptId, status: 'completed' });
      call.send({ type: 'call.hangup', cause: 'normal_clearing' });
      call.send({ type: 'timer.fired', timerId: call.command('start-timer').timerId });
      expect(call.state.outcome).toMatchObject({ result: 'abandoned', reason: 'voicemail recording never arrived' });
    });
  });
});
