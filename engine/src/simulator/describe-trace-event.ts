import type { QueueOverflowReason, TraceEvent } from '../interpreter/types';

/** Why a caller left a queue by its timeout port, in words. */
export const QUEUE_OVERFLOW_REASONS: Record<QueueOverflowReason, string> = {
  full: 'the queue was full',
  'unknown-queue': 'the queue does not exist',
  'max-wait': 'waited the longest time allowed',
};

/** One line of plain English per trace event (the CLI's trace, the designer's simulator). */
export function describeTraceEvent(event: TraceEvent): string {
  switch (event.type) {
    case 'node.entered':
      return `enter ${event.kind} “${event.label || event.node}”`;
    case 'node.exited':
      return `leave by ${event.port} → ${event.target ?? 'hang up'}`;
    case 'prompt.played':
      return event.text !== null ? `say “${event.text}”` : `play ${event.url}`;
    case 'digits.received':
      return `caller pressed ${event.digits} (${event.accepted ? 'accepted' : 'rejected'})`;
    case 'input.timeout':
      return `no input (attempt ${event.attempt})`;
    case 'variable.set':
      return `set ${event.name} = ${JSON.stringify(event.value)}`;
    case 'schedule.checked':
      return `schedule is ${event.state}${event.detail ? ` (${event.detail})` : ''}`;
    case 'http.completed':
      return `HTTP ${event.ok ? 'succeeded' : 'failed'}${event.status !== null ? ` (${event.status})` : ''}${event.error ? `: ${event.error}` : ''}`;
    case 'agents.skipped':
      return `skipped ${event.agents.map((agent) => `${agent.label} (${agent.reason})`).join(', ')}`;
    case 'agents.rung':
      return `ringing ${event.targets.join(', ') || 'nobody'}`;
    case 'agent.answered':
      return `${event.target} answered`;
    case 'agent.missed':
      return `${event.target} missed (${event.cause})`;
    case 'agent.transferred':
      return `${event.target} transferred the caller to extension ${event.extension}`;
    case 'queue.joined':
      return `joined queue at position ${event.position}`;
    case 'queue.position':
      return `queue position ${event.position}`;
    case 'queue.overflowed':
      return `left queue ${event.queueId}: ${QUEUE_OVERFLOW_REASONS[event.reason]}`;
    case 'transfer.completed':
      return `transfer to ${event.destination} ${event.answered ? 'answered' : 'not answered'}`;
    case 'recording.started':
      return 'recording started';
    case 'recording.stopped':
      return 'recording stopped';
    case 'voicemail.recorded':
      return `voicemail recorded (${event.durationSecs} s)`;
    case 'sms.sent':
      return `SMS to ${event.to} ${event.ok ? 'sent' : 'failed'}`;
    case 'flow.switched':
      return `continue in flow ${event.toFlowId}`;
    case 'call.ended':
      return `call ended: ${event.outcome.result} (${event.outcome.reason})`;
  }
}
