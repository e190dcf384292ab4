import {
  initialCallState,
  step,
  type CallOutcome,
  type Command,
  type CommandOf,
  type EngineEvent,
  type RecordingKind,
  type TraceEvent,
} from '@callflow/engine/src/interpreter';
import { encodeClientState } from '@callflow/schemas/src/telnyx/client-state';
import {
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  proxySinks,
  setHandler,
  sleep,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CallLogSinks } from '../activities/call-log.sink';
import type { CarrierActivities, CarrierRequest, CarrierResult } from '../activities/carrier.activities';
import type { HttpActivities } from '../activities/http.activities';
import type { InternalApiActivities } from '../activities/internal-api.activities';
import type { QueueActivities } from '../activities/queue.activities';
import {
  CALL_SEARCH_ATTRIBUTE_KEYS,
  CALLER_LEG_ID,
  MAX_CALL_DURATION_MS,
  callProgressQuery,
  carrierEventSignal,
  queueUpdateSignal,
  transferSignal,
  type CallWorkflowInput,
  type CarrierEvent,
  type LegClientState,
  type QueueRequest,
} from '../contracts';
import { CallLegs, TRANSFER_LEG_ID } from './carrier-events';
import { dialAddress } from './dial-address';

// Carrier commands are on the caller's critical path: local activities, a few quick retries (the command id makes
// a retry harmless at the carrier).
const carrier = proxyLocalActivities<CarrierActivities>({
  startToCloseTimeout: '4s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '1s', maximumAttempts: 4 },
});
// The call log goes out step by step through a sink (no history events, no workflow task per write: the worker sends
// it, in order, beside the call's progress), and whole at the end through the activity below, the durable write that
// replays of the call read.
const { callLog } = proxySinks<CallLogSinks>();
const CALL_LOG_THROUGH_SINK = 'call-log-through-sink';
// Not local activities: the call log and voicemails must never hold a workflow task open (under CPU pressure a task
// that waits for the API outlasts its 3 s timeout, and its retry repeats the wait).
const internal = proxyActivities<InternalApiActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', maximumInterval: '5s', maximumAttempts: 10 },
});
const lookupOptions = { startToCloseTimeout: '5s', retry: { initialInterval: '200ms', maximumInterval: '1s', maximumAttempts: 5 } } as const;
// A directory look-up stands between a carrier event and the next command (ring group → dial): a local activity saves
// an activity task's dispatch and a workflow task for its result. A look-up is one query; a slow one holds the workflow
// task open no longer than its timeout (the worker extends the task meanwhile).
const localLookups = proxyLocalActivities<Pick<InternalApiActivities, 'lookup'>>(lookupOptions);
/** Calls started before LOOKUPS_AS_LOCAL_ACTIVITIES ran their look-ups as activities, and replay them so. */
const lookups = proxyActivities<Pick<InternalApiActivities, 'lookup'>>(lookupOptions);
const LOOKUPS_AS_LOCAL_ACTIVITIES = 'lookups-as-local-activities';
const queues = proxyActivities<QueueActivities>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '200ms', maximumInterval: '2s', maximumAttempts: 10 },
});
const http = proxyActivities<HttpActivities>({ startToCloseTimeout: '40s', retry: { maximumAttempts: 1 } });

/**
 * An activity that failed past its retries (a local activity's failure arrives unwrapped, as the activity's own
 * ApplicationFailure or a TimeoutFailure). The workflow's own code throws no Temporal failure but cancellations.
 */
function isActivityFailure(error: unknown): error is TemporalFailure {
  return error instanceof TemporalFailure && !isCancellation(error);
}

/** Calls started before CARRIER_EVENTS_READ_IN_TURN turned carrier events into engine events on arrival, and replay so. */
const CARRIER_EVENTS_READ_IN_TURN = 'carrier-events-read-in-turn';

/**
 * Calls that failed before FAILED_CALLS_LET_GO hung up the caller only, left agent legs ringing and their place in a
 * queue, and recorded no call.ended step; they replay so.
 */
const FAILED_CALLS_LET_GO = 'failed-calls-let-go';

/** A carrier event waiting in the inbox, read when its turn comes. */
interface ArrivedCarrierEvent {
  type: 'carrier.arrived';
  event: CarrierEvent;
}

/**
 * One inbound call: feeds carrier events, timers and lookup results to the engine's interpreter and carries out
 * the commands it returns. Ends when the interpreter says the call is over.
 */
export async function callWorkflow(input: CallWorkflowInput): Promise<CallOutcome | null> {
  const { workflowId } = workflowInfo();
  const { program, callControlId: mainLeg } = input;
  let state = initialCallState(program);
  const inbox: Array<EngineEvent | ArrivedCarrierEvent> = [];
  const seenEvents = new Set<string>();
  const legs = new CallLegs(mainLeg);
  const timers = new Map<string, CancellationScope>();
  let commandSeq = 0;
  let carrierGone = false;
  /** A look-up that failed past its retries, running beside the call: the call cannot go on. */
  let backgroundFailure: TemporalFailure | null = null;
  let publishing: Promise<void> = Promise.resolve();
  let publishedEvents = 0;
  /** Trace events waiting for the call-log write queued last: events of several steps go out in one write. */
  let unpublished: TraceEvent[] = [];
  // Queue requests of one call must reach the queue in the order they were made (offer result before release…).
  let queueRequests: Promise<void> = Promise.resolve();
  // Calls started before CALL_LOG_THROUGH_SINK wrote each step with an activity, and replay so.
  const callLogThroughSink = patched(CALL_LOG_THROUGH_SINK);
  /** The step record so far (call log through the sink): written whole, durably, when the call ends. */
  const logged: TraceEvent[] = [];
  // Which prompt or gather a carrier event finishes depends on the commands carried out for the events before it. Read
  // on arrival, an event that reaches a worker in one activation with earlier ones (redelivered together after a worker
  // died mid-task) was read before their commands ran, and lost.
  const carrierEventsReadInTurn = patched(CARRIER_EVENTS_READ_IN_TURN);

  const clientState = (legId: string): string => encodeClientState(JSON.stringify({ w: workflowId, l: legId } satisfies LegClientState));
  const recordingClientState = (recording: RecordingKind): string =>
    encodeClientState(JSON.stringify({ w: workflowId, l: CALLER_LEG_ID, r: recording } satisfies LegClientState));

  setHandler(carrierEventSignal, (event) => {
    if (seenEvents.has(event.id)) return;
    seenEvents.add(event.id);
    if (carrierEventsReadInTurn) {
      inbox.push({ type: 'carrier.arrived', event });
      return;
    }
    const engineEvent = legs.toEngineEvent(event, input.callId);
    if (engineEvent) inbox.push(engineEvent);
  });
  setHandler(queueUpdateSignal, (update) => void inbox.push(update));
  setHandler(transferSignal, (request) => void inbox.push({ type: 'transfer.requested', ...request }));
  setHandler(callProgressQuery, () => ({
    status: state.status === 'ended' ? 'ended' : 'running',
    node: state.stepId,
    outcome: state.outcome,
  }));

  function publish(events: TraceEvent[]): void {
    if (events.length === 0) return;
    if (callLogThroughSink) {
      callLog.append(input.callId, { firstSeq: logged.length + 1, events });
      logged.push(...events);
      return;
    }
    const writeQueued = unpublished.length > 0;
    unpublished.push(...events);
    if (writeQueued) return;
    // In order, off the caller's critical path: the next carrier command does not wait for the call log.
    publishing = publishing.then(() => {
      const batch = unpublished;
      unpublished = [];
      const firstSeq = publishedEvents + 1;
      publishedEvents += batch.length;
      return internal.recordCallEvents(input.callId, { firstSeq, events: batch });
    });
  }

  async function send(request: CarrierRequest): Promise<CarrierResult> {
    if (carrierGone) return { status: 'call-ended' };
    commandSeq += 1;
    const result = await carrier.carrierCommand({ commandId: `${workflowId}:${commandSeq}`, request });
    if (result.status === 'rejected') log.warn('carrier refused a command', { action: request.action, message: result.message });
    return result;
  }

  /** A main-leg command whose failure means the caller is gone. */
  async function sendToCaller(request: CarrierRequest): Promise<void> {
    const result = await send(request);
    if (result.status === 'call-ended') {
      carrierGone = true;
      inbox.push({ type: 'call.hangup', cause: 'call already ended' });
    }
  }

  function startTimer(timerId: string, seconds: number): void {
    const scope = new CancellationScope();
    timers.set(timerId, scope);
    scope
      .run(() => sleep(seconds * 1000))
      .then(
        () => inbox.push({ type: 'timer.fired', timerId }),
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      )
      .finally(() => timers.delete(timerId));
  }

  function inBackground<T>(work: Promise<T>, toEvent: (result: T) => EngineEvent): void {
    // Lookups and HTTP requests can take a while: the call keeps listening for a hangup meanwhile.
    void work.then(
      (result) => inbox.push(toEvent(result)),
      (error: unknown) => {
        if (!isActivityFailure(error)) throw error;
        backgroundFailure = error;
      },
    );
  }

  function toQueue(queueId: string, request: QueueRequest): void {
    queueRequests = queueRequests.then(() => queues.sendQueueRequest({ tenantId: input.tenantId, queueId, request }));
  }

  async function dial(command: CommandOf<'dial'>): Promise<void> {
    const result = await send({
      action: 'dial',
      to: dialAddress(command.target),
      from: command.callerNumber || input.to,
      timeoutSecs: command.timeoutSecs,
      clientState: clientState(command.legId),
    });
    if (result.status === 'ok' && result.callControlId) legs.legDialled(command.legId, result.callControlId);
    else inbox.push({ type: 'leg.ended', legId: command.legId, cause: result.status === 'rejected' ? result.message : 'dial failed' });
  }

  async function execute(command: Command): Promise<void> {
    const now = Date.now();
    switch (command.type) {
      case 'answer':
        return sendToCaller({ action: 'answer', callControlId: mainLeg, clientState: clientState(CALLER_LEG_ID) });
      case 'play':
        legs.promptStarted(command.promptId, command.prompt);
        return sendToCaller({ action: 'play', callControlId: mainLeg, prompt: command.prompt });
      case 'start-hold-music':
        return sendToCaller({ action: 'hold-music', callControlId: mainLeg, url: command.url });
      case 'stop-playback':
        legs.playbackStopped();
        return sendToCaller({ action: 'stop-playback', callControlId: mainLeg });
      case 'gather':
        legs.gatherStarted(command.gatherId);
        return sendToCaller({ action: 'gather', callControlId: mainLeg, ...command });
      case 'start-timer':
        return startTimer(command.timerId, command.seconds);
      case 'cancel-timer':
        timers.get(command.timerId)?.cancel();
        return;
      case 'lookup': {
        const body = { tenantId: input.tenantId, request: command.request, at: now, seed: commandSeq * 7919 + now };
        return inBackground(
          patched(LOOKUPS_AS_LOCAL_ACTIVITIES) ? localLookups.lookup(body) : lookups.lookup(body),
          ({ result }) => ({ type: 'lookup.completed', requestId: command.requestId, result }),
        );
      }
      case 'http-request':
        return inBackground(http.httpRequest(command), (response) => ({ type: 'http.completed', requestId: command.requestId, response }));
      case 'dial':
        return dial(command);
      case 'hangup-leg': {
        const leg = legs.callControlIdOf(command.legId);
        if (leg) await send({ action: 'hangup', callControlId: leg });
        return;
      }
      case 'bridge': {
        const leg = legs.callControlIdOf(command.legId);
        if (!leg) return;
        const result = await send({ action: 'bridge', callControlId: mainLeg, otherCallControlId: leg });
        // The carrier refuses to bridge a leg that is gone; then the legs' own hangup events tell the flow which.
        if (result.status === 'ok') inbox.push({ type: 'leg.bridged', legId: command.legId });
        return;
      }
      case 'transfer':
        legs.transferStarted();
        return sendToCaller({
          action: 'transfer',
          callControlId: mainLeg,
          to: command.destination,
          from: command.callerId || input.to,
          timeoutSecs: command.timeoutSecs,
          targetLegClientState: clientState(TRANSFER_LEG_ID),
        });
      case 'enqueue':
        return toQueue(command.queueId, { type: 'join', callWorkflowId: workflowId, callerNumber: command.callerNumber, calledNumber: input.to, overrides: command.overrides, at: now });
      case 'leave-queue':
        return toQueue(command.queueId, { type: 'leave', callWorkflowId: workflowId, reason: command.reason, at: now });
      case 'report-queue-offer':
        return toQueue(command.queueId, { type: 'offer-result', callWorkflowId: workflowId, assignmentId: command.assignmentId, result: command.result, at: now });
      case 'release-queue-agent':
        return toQueue(command.queueId, { type: 'release', assignmentId: command.assignmentId, at: now });
      case 'schedule-callback':
        return toQueue(command.queueId, { type: 'callback', callWorkflowId: workflowId, number: command.number, calledNumber: input.to, at: now });
      case 'start-recording':
        return sendToCaller({
          action: 'record-start',
          callControlId: mainLeg,
          format: command.format,
          channels: command.channels,
          maxLengthSecs: null,
          silenceTimeoutSecs: null,
          beep: false,
          clientState: recordingClientState('call'),
        });
      case 'stop-recording':
        return sendToCaller({ action: 'record-stop', callControlId: mainLeg });
      case 'record-voicemail':
        return sendToCaller({
          action: 'record-start',
          callControlId: mainLeg,
          format: 'mp3',
          channels: 'single',
          maxLengthSecs: command.maxLengthSecs,
          silenceTimeoutSecs: command.silenceTimeoutSecs,
          beep: command.beep,
          clientState: recordingClientState('voicemail'),
        });
      case 'save-voicemail':
        publishing = publishing.then(async () => {
          await internal.saveVoicemail({
            tenantId: input.tenantId,
            callId: input.callId,
            mailboxId: command.mailboxId,
            callerNumber: command.callerNumber,
            recordingUrl: command.recording.url,
            durationSecs: command.recording.durationSecs,
            transcribe: command.transcribe,
            notifyEmails: command.notifyEmails,
            notifySms: command.notifySms,
          });
        });
        return;
      case 'send-sms': {
        const result = await send({ action: 'sms', from: command.from, to: command.to, text: command.text });
        inbox.push({ type: 'sms.completed', requestId: command.requestId, ok: result.status === 'ok', ...(result.status === 'rejected' ? { error: result.message } : {}) });
        return;
      }
      case 'hangup':
        await send({ action: 'hangup', callControlId: mainLeg });
        return;
    }
  }

  // One timer for the whole call (a timeout on each wait below would start and cancel a timer at every step).
  void sleep(MAX_CALL_DURATION_MS).then(async () => {
    await send({ action: 'hangup', callControlId: mainLeg });
    inbox.push({ type: 'call.hangup', cause: 'time_limit' });
  });
  try {
    while (state.status !== 'ended') {
      await condition(() => inbox.length > 0 || backgroundFailure !== null);
      if (backgroundFailure !== null) throw backgroundFailure;
      const next = inbox.shift();
      const event = next?.type === 'carrier.arrived' ? legs.toEngineEvent(next.event, input.callId) : next;
      if (!event) continue;
      const result = step(program, state, { ...event, at: Date.now() });
      state = result.state;
      for (const command of result.commands) await execute(command);
      publish(result.events);
    }
  } catch (error) {
    // A carrier command or a look-up failed past its retries (the carrier or the API unreachable for seconds). The call
    // ends as failed and its end is recorded like any other: a failed workflow would leave it in progress in the call
    // log, holding a place under MAX_ACTIVE_CALLS, with the caller left in silence.
    if (!isActivityFailure(error)) throw error;
    const reason = `a carrier command or look-up failed past its retries: ${error.cause?.message ?? error.message}`;
    log.error('call failed', { reason });
    if (patched(FAILED_CALLS_LET_GO)) {
      const result = step(program, state, { type: 'call.failed', reason, at: Date.now() });
      state = result.state;
      // Each one best effort: what failed may fail again, and the call is over either way.
      for (const command of result.commands) await execute(command).catch(() => undefined);
      publish(result.events);
    } else {
      state = { ...state, status: 'ended', outcome: { result: 'failed', node: state.stepId, reason } };
      await send({ action: 'hangup', callControlId: mainLeg }).catch(() => undefined);
    }
  }

  for (const scope of timers.values()) scope.cancel();
  if (callLogThroughSink && logged.length > 0) publishing = publishing.then(() => internal.recordCallEvents(input.callId, { firstSeq: 1, events: logged }));
  const outcome = state.outcome;
  if (outcome) {
    upsertSearchAttributes([{ key: CALL_SEARCH_ATTRIBUTE_KEYS.outcome, value: outcome.result }]);
    publishing = publishing.then(() => internal.recordCallEnded(input.callId, { outcome, endedAt: Date.now() }));
  }
  await Promise.all([publishing, queueRequests]);
  return outcome;
}
