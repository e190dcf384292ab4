import { QUEUE_OVERFLOW_REASONS } from '@callflow/engine';
import type { CallStepEvent } from '@callflow/schemas';

/** One line of a step's details, in words. */
export interface EventLine {
  title: string;
  detail: string | null;
  tone: 'neutral' | 'good' | 'bad';
}

const seconds = (value: number) => `${Math.round(value)} s`;

/** Each event of a step as a person reads it; who an agent is comes from `agentName` (ids otherwise). */
export function describeEvent(event: CallStepEvent, agentName: (agentId: string) => string): EventLine {
  switch (event.type) {
    case 'node.entered':
      return { title: `Entered ${event.label || event.node || event.kind}`, detail: event.kind, tone: 'neutral' };
    case 'node.exited':
      return { title: `Left by “${event.port}”`, detail: event.target === null ? null : `to ${event.target}`, tone: 'neutral' };
    case 'prompt.played':
      return { title: 'Prompt played', detail: event.text ?? event.url, tone: 'neutral' };
    case 'digits.received':
      return { title: `Caller pressed ${event.digits}`, detail: event.accepted ? null : 'not a valid choice', tone: event.accepted ? 'neutral' : 'bad' };
    case 'input.timeout':
      return { title: 'No input', detail: `attempt ${event.attempt}`, tone: 'bad' };
    case 'variable.set':
      return { title: `Set ${event.name}`, detail: JSON.stringify(event.value), tone: 'neutral' };
    case 'schedule.checked':
      return { title: `Schedule: ${event.state}`, detail: event.detail, tone: 'neutral' };
    case 'http.completed':
      return {
        title: event.ok ? `HTTP request answered ${event.status ?? ''}`.trim() : 'HTTP request failed',
        detail: event.error,
        tone: event.ok ? 'good' : 'bad',
      };
    case 'agents.skipped':
      return { title: 'Skipped', detail: event.agents.map((agent) => `${agent.label} (${agent.reason})`).join(', '), tone: 'neutral' };
    case 'agents.rung':
      return { title: `Rang ${event.targets.join(', ')}`, detail: `for up to ${seconds(event.timeoutSecs)}`, tone: 'neutral' };
    case 'agent.answered':
      return { title: `Answered by ${event.agentId === null ? event.target : agentName(event.agentId)}`, detail: null, tone: 'good' };
    case 'agent.missed':
      return { title: `${event.agentId === null ? event.target : agentName(event.agentId)} did not answer`, detail: event.cause, tone: 'bad' };
    case 'agent.transferred':
      return { title: `${event.agentId === null ? event.target : agentName(event.agentId)} transferred the caller`, detail: `to extension ${event.extension}`, tone: 'neutral' };
    case 'queue.joined':
      return {
        title: `Joined queue ${event.queueId} at position ${event.position}`,
        detail: event.expectedWaitSecs === null ? null : `expected wait ${seconds(event.expectedWaitSecs)}`,
        tone: 'neutral',
      };
    case 'queue.position':
      return { title: `Now at position ${event.position}`, detail: event.expectedWaitSecs === null ? null : `expected wait ${seconds(event.expectedWaitSecs)}`, tone: 'neutral' };
    case 'queue.overflowed':
      return { title: `Left queue ${event.queueId}`, detail: QUEUE_OVERFLOW_REASONS[event.reason], tone: 'bad' };
    case 'transfer.completed':
      return { title: `Transferred to ${event.destination}`, detail: event.answered ? 'answered' : 'not answered', tone: event.answered ? 'good' : 'bad' };
    case 'recording.started':
      return { title: 'Recording started', detail: null, tone: 'neutral' };
    case 'recording.stopped':
      return { title: 'Recording stopped', detail: null, tone: 'neutral' };
    case 'voicemail.recorded':
      return { title: 'Voicemail left', detail: seconds(event.durationSecs), tone: 'good' };
    case 'sms.sent':
      return { title: `Text message to ${event.to}`, detail: event.ok ? 'sent' : 'failed', tone: event.ok ? 'good' : 'bad' };
    case 'flow.switched':
      return { title: 'Went on in another flow', detail: event.toFlowId, tone: 'neutral' };
    case 'call.ended':
      return { title: `Call ended: ${event.outcome.result}`, detail: event.outcome.reason || null, tone: event.outcome.result === 'failed' || event.outcome.result === 'abandoned' ? 'bad' : 'good' };
  }
}
