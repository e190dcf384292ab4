import { DateTime } from 'luxon';
import type { Diagnostic } from '../diagnostics';
import type { SimulationResult, TraceEvent } from '../index';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string {
  const sorted = [...diagnostics].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const lines = sorted.map((diagnostic) => {
    const where = [
      diagnostic.nodeId && `node ${diagnostic.nodeId}`,
      diagnostic.port && `port ${diagnostic.port}`,
      diagnostic.edgeId && `edge ${diagnostic.edgeId}`,
      diagnostic.field && `field ${diagnostic.field}`,
    ]
      .filter(Boolean)
      .join(', ');
    return `${diagnostic.severity.padEnd(7)} ${diagnostic.code.padEnd(26)} ${where ? `[${where}] ` : ''}${diagnostic.message}`;
  });
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  const summary = errors > 0 ? `${file}: ${errors} error(s), ${warnings} warning(s)` : `${file}: valid (${warnings} warning(s))`;
  return [...lines, summary].join('\n') + '\n';
}

function describe(event: TraceEvent): string {
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
    case 'queue.joined':
      return `joined queue at position ${event.position}`;
    case 'queue.position':
      return `queue position ${event.position}`;
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

export function formatTrace(result: SimulationResult, timeZone: string): string {
  const lines = result.events.map((event) => {
    const time = DateTime.fromMillis(event.at, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');
    return `${time}  ${(event.node ?? '-').padEnd(16)} ${describe(event)}`;
  });
  if (result.stalled) lines.push(`simulation stopped: ${result.stalled}`);
  return lines.join('\n') + '\n';
}
