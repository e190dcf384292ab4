import { effectiveQueueSettings } from '@callflow/engine/src/interpreter';
import { assignQueueAgents, expectedWaitSecs } from '@callflow/engine/src/routing';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { InternalApiActivities } from '../activities/internal-api.activities';
import {
  CALLBACK_WORKFLOW_TYPE,
  queueRequestSignal,
  queueStateQuery,
  queueUpdateSignal,
  type CallbackWorkflowInput,
  type QueueRequest,
  type QueueState,
  type QueueUpdate,
  type QueueWorkflowInput,
} from '../contracts';
import type { QueueSnapshot } from '../internal-api';

const internal = proxyActivities<Pick<InternalApiActivities, 'queueSnapshot'>>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '500ms', maximumInterval: '5s', maximumAttempts: 20 },
});

/** How often agents' availability is read while callers wait. */
const POLL_MS = 2_000;
/** An empty queue's workflow ends after this long without callers; the next caller starts a new run. */
const IDLE_MS = 5 * 60_000;
const RECENT_WAITS_KEPT = 20;

const emptyState = (): QueueState => ({
  waiting: [],
  callbacks: [],
  offers: [],
  busy: [],
  missedBy: {},
  memory: { lastAgentIdByGroup: {} },
  recentWaits: [],
  assignmentSeq: 0,
});

/**
 * One per queue: the ordered waiting list. Callers join and leave through signals from their call workflows;
 * when an agent is free the longest-waiting caller gets an offer, and callbacks are placed when nobody waits.
 */
export async function queueWorkflow(input: QueueWorkflowInput): Promise<void> {
  const { workflowId } = workflowInfo();
  const state = input.carried ?? emptyState();
  const requests: QueueRequest[] = [];
  setHandler(queueRequestSignal, (request) => void requests.push(request));
  setHandler(queueStateQuery, () => state);

  const notify = (callWorkflowId: string, update: QueueUpdate): void => {
    getExternalWorkflowHandle(callWorkflowId)
      .signal(queueUpdateSignal, update)
      .catch((error: unknown) => {
        // The call is over (hung up meanwhile): forget it.
        log.info('queue update not delivered', { callWorkflowId, error: String(error) });
        state.waiting = state.waiting.filter((waiter) => waiter.callWorkflowId !== callWorkflowId);
      });
  };

  const freeOffer = (predicate: (offer: QueueState['offers'][number]) => boolean): void => {
    state.offers = state.offers.filter((offer) => !predicate(offer));
  };

  function handle(request: QueueRequest, snapshot: QueueSnapshot | null): void {
    const now = request.at;
    switch (request.type) {
      case 'join': {
        if (!snapshot) return notify(request.callWorkflowId, { type: 'queue.rejected', reason: 'unknown-queue' });
        if (state.waiting.some((waiter) => waiter.callWorkflowId === request.callWorkflowId)) return;
        if (state.waiting.length >= snapshot.queue.maxSize) return notify(request.callWorkflowId, { type: 'queue.rejected', reason: 'full' });
        const position = state.waiting.length + 1;
        state.waiting.push({ callWorkflowId: request.callWorkflowId, callerNumber: request.callerNumber, joinedAt: now, position });
        return notify(request.callWorkflowId, {
          type: 'queue.joined',
          position,
          expectedWaitSecs: expectedWaitSecs(position, state.recentWaits),
          settings: effectiveQueueSettings(snapshot.queue, request.overrides),
        });
      }
      case 'leave':
        state.waiting = state.waiting.filter((waiter) => waiter.callWorkflowId !== request.callWorkflowId);
        delete state.missedBy[request.callWorkflowId];
        if (request.reason !== 'answered') freeOffer((offer) => offer.callWorkflowId === request.callWorkflowId);
        return;
      case 'offer-result': {
        const offer = state.offers.find((candidate) => candidate.assignmentId === request.assignmentId);
        if (!offer) return;
        freeOffer((candidate) => candidate.assignmentId === request.assignmentId);
        if (request.result === 'missed') {
          state.missedBy[offer.callWorkflowId] = [...(state.missedBy[offer.callWorkflowId] ?? []), offer.agentId];
          return;
        }
        state.busy.push({ assignmentId: offer.assignmentId, agentId: offer.agentId, until: null });
        const waiter = state.waiting.find((candidate) => candidate.callWorkflowId === offer.callWorkflowId);
        if (waiter) state.recentWaits = [...state.recentWaits, Math.round((now - waiter.joinedAt) / 1000)].slice(-RECENT_WAITS_KEPT);
        state.waiting = state.waiting.filter((candidate) => candidate.callWorkflowId !== offer.callWorkflowId);
        return;
      }
      case 'release': {
        const wrapUpMs = (snapshot?.queue.wrapUpSecs ?? 0) * 1000;
        freeOffer((offer) => offer.assignmentId === request.assignmentId);
        state.busy = state.busy.map((entry) => (entry.assignmentId === request.assignmentId ? { ...entry, until: now + wrapUpMs } : entry));
        return;
      }
      case 'callback':
        state.callbacks.push({ number: request.number, calledNumber: request.calledNumber, requestedAt: now });
        return;
    }
  }

  async function assign(snapshot: QueueSnapshot): Promise<void> {
    const now = Date.now();
    state.busy = state.busy.filter((entry) => entry.until === null || entry.until > now);
    const busyAgentIds = new Set([...state.busy.map((entry) => entry.agentId), ...state.offers.map((offer) => offer.agentId)]);
    // Waiting callers first; callbacks are served when nobody is on the line.
    const callbackIds = state.waiting.length === 0 ? state.callbacks.map((_, index) => `callback-${index}`) : [];
    const { assignments, memory } = assignQueueAgents({
      queue: snapshot.queue,
      agents: snapshot.agents,
      waiting: [
        ...state.waiting.map((waiter) => ({ id: waiter.callWorkflowId, joinedAt: waiter.joinedAt })),
        ...callbackIds.map((id, index) => ({ id, joinedAt: state.callbacks[index]?.requestedAt ?? now })),
      ],
      offeredWaiterIds: new Set(state.offers.map((offer) => offer.callWorkflowId)),
      busyAgentIds,
      missedBy: state.missedBy,
      memory: state.memory,
      at: now,
      seed: state.assignmentSeq + 1,
    });
    state.memory = memory;
    const servedCallbacks = new Set<number>();
    for (const { waiterId, agentId } of assignments) {
      const agent = snapshot.agents.find((candidate) => candidate.id === agentId);
      if (!agent) continue;
      state.assignmentSeq += 1;
      const assignmentId = `${workflowId}-${state.assignmentSeq}`;
      const target = { label: `${agent.name} (${agent.extension})`, agentId: agent.id, address: agent.endpoint };
      if (waiterId.startsWith('callback-')) {
        const index = Number(waiterId.slice('callback-'.length));
        const callback = state.callbacks[index];
        if (!callback) continue;
        servedCallbacks.add(index);
        state.busy.push({ assignmentId, agentId, until: null });
        await startChild(CALLBACK_WORKFLOW_TYPE, {
          workflowId: `callback-${assignmentId}`,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [
            {
              tenantId: input.tenantId,
              queueId: input.queueId,
              queueWorkflowId: workflowId,
              assignmentId,
              number: callback.number,
              callerId: callback.calledNumber,
              agent: target,
              agentRingTimeoutSecs: snapshot.queue.agentRingTimeoutSecs,
            } satisfies CallbackWorkflowInput,
          ],
        });
        continue;
      }
      state.offers.push({ assignmentId, callWorkflowId: waiterId, agentId });
      notify(waiterId, { type: 'queue.agent-assigned', assignmentId, target, timeoutSecs: snapshot.queue.agentRingTimeoutSecs });
    }
    state.callbacks = state.callbacks.filter((_, index) => !servedCallbacks.has(index));
  }

  function announcePositions(): void {
    state.waiting.forEach((waiter, index) => {
      const position = index + 1;
      if (waiter.position === position) return;
      waiter.position = position;
      notify(waiter.callWorkflowId, { type: 'queue.position', position, expectedWaitSecs: expectedWaitSecs(position, state.recentWaits) });
    });
  }

  let snapshot: QueueSnapshot | null = null;
  let snapshotAt = -Infinity;
  for (;;) {
    const idle = state.waiting.length === 0 && state.callbacks.length === 0 && state.offers.length === 0 && state.busy.length === 0;
    const signalled = await condition(() => requests.length > 0, idle ? IDLE_MS : POLL_MS);
    if (!signalled && idle) return;
    const batch = requests.splice(0);
    if (batch.some((request) => request.type === 'join') || Date.now() - snapshotAt >= POLL_MS) {
      snapshot = await internal.queueSnapshot(input.tenantId, input.queueId);
      snapshotAt = Date.now();
    }
    for (const request of batch) handle(request, snapshot);
    if (snapshot) await assign(snapshot);
    announcePositions();
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      requests.forEach((request) => handle(request, snapshot));
      await continueAsNew<typeof queueWorkflow>({ ...input, carried: state });
    }
  }
}
