import { encodeClientState } from '@callflow/schemas/src/telnyx/client-state';
import { condition, getExternalWorkflowHandle, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CarrierActivities, CarrierRequest } from '../activities/carrier.activities';
import {
  carrierEventSignal,
  isDialledLegEventType,
  queueRequestSignal,
  type CallbackWorkflowInput,
  type CarrierEvent,
  type LegClientState,
} from '../contracts';
import { dialAddress } from './dial-address';

const carrier = proxyLocalActivities<CarrierActivities>({
  startToCloseTimeout: '4s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '1s', maximumAttempts: 4 },
});

/** How long the customer's phone rings before the callback is given up. */
const CUSTOMER_RING_SECS = 30;

type LegState = 'ringing' | 'answered' | 'ended';

/**
 * A callback a queue caller asked for: ring the free agent first, tell them who they are calling, then dial
 * the customer and bridge the two. Releases the agent back to the queue however it ends.
 */
export async function callbackWorkflow(input: CallbackWorkflowInput): Promise<'connected' | 'agent-missed' | 'customer-missed'> {
  const { workflowId } = workflowInfo();
  const legs: Record<'agent' | 'customer', { callControlId: string | null; state: LegState }> = {
    agent: { callControlId: null, state: 'ringing' },
    customer: { callControlId: null, state: 'ringing' },
  };
  const seen = new Set<string>();
  let commandSeq = 0;
  let spoken = false;

  setHandler(carrierEventSignal, (event: CarrierEvent) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    const leg = event.clientState?.l;
    // The API signals only DIALLED_LEG_EVENT_TYPES for these legs.
    if ((leg !== 'agent' && leg !== 'customer') || !isDialledLegEventType(event.type)) return;
    if (event.type === 'call.answered') legs[leg].state = 'answered';
    if (event.type === 'call.hangup') legs[leg].state = 'ended';
    if (event.type === 'call.speak.ended' && leg === 'agent') spoken = true;
  });

  // Signal handlers change leg states while the workflow waits: read them fresh (no narrowing).
  const stateOf = (leg: 'agent' | 'customer'): LegState => legs[leg].state;
  const send = (request: CarrierRequest) => {
    commandSeq += 1;
    return carrier.carrierCommand({ commandId: `${workflowId}:${commandSeq}`, request });
  };
  const clientState = (leg: string) => encodeClientState(JSON.stringify({ w: workflowId, l: leg } satisfies LegClientState));
  const hangUp = async (leg: 'agent' | 'customer') => {
    const { callControlId, state } = legs[leg];
    if (callControlId && state !== 'ended') await send({ action: 'hangup', callControlId });
  };
  const dial = async (leg: 'agent' | 'customer', to: string, from: string, timeoutSecs: number) => {
    const result = await send({ action: 'dial', to, from, timeoutSecs, clientState: clientState(leg) });
    if (result.status === 'ok' && result.callControlId) legs[leg].callControlId = result.callControlId;
    else legs[leg].state = 'ended';
  };

  let result: 'connected' | 'agent-missed' | 'customer-missed' = 'agent-missed';
  try {
    await dial('agent', dialAddress(input.agent), input.callerId, input.agentRingTimeoutSecs);
    await condition(() => legs.agent.state !== 'ringing', `${input.agentRingTimeoutSecs + 5}s`);
    if (legs.agent.state !== 'answered' || !legs.agent.callControlId) return result;
    await send({
      action: 'play',
      callControlId: legs.agent.callControlId,
      prompt: { type: 'tts', text: `Callback requested from the queue. Calling ${input.number.split('').join(' ')}.`, voice: 'female', language: 'en-US' },
    });
    await condition(() => spoken || stateOf('agent') === 'ended', '30s');
    if (stateOf('agent') === 'ended') return result;
    result = 'customer-missed';
    await dial('customer', input.number, input.callerId, CUSTOMER_RING_SECS);
    await condition(() => stateOf('customer') !== 'ringing' || stateOf('agent') === 'ended', `${CUSTOMER_RING_SECS + 5}s`);
    if (stateOf('customer') !== 'answered' || stateOf('agent') !== 'answered' || !legs.customer.callControlId) return result;
    await send({ action: 'bridge', callControlId: legs.agent.callControlId, otherCallControlId: legs.customer.callControlId });
    result = 'connected';
    await condition(() => stateOf('agent') === 'ended' || stateOf('customer') === 'ended');
    return result;
  } finally {
    await hangUp('agent');
    await hangUp('customer');
    // Let the queue know the agent is free again (after its wrap-up time).
    await getExternalWorkflowHandle(input.queueWorkflowId)
      .signal(queueRequestSignal, { type: 'release', assignmentId: input.assignmentId, at: Date.now() })
      .catch(() => undefined);
  }
}
