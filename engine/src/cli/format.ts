import { DateTime } from 'luxon';
import type { Diagnostic } from '../diagnostics';
import { describeTraceEvent, type SimulationResult } from '../index';

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

export function formatTrace(result: SimulationResult, timeZone: string): string {
  const lines = result.events.map((event) => {
    const time = DateTime.fromMillis(event.at, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');
    return `${time}  ${(event.node ?? '-').padEnd(16)} ${describeTraceEvent(event)}`;
  });
  if (result.stalled) lines.push(`simulation stopped: ${result.stalled}`);
  return lines.join('\n') + '\n';
}
