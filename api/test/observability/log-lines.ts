import type { DestinationStream } from 'pino';

/** A pino destination keeping each JSON line, parsed, for assertions. */
export function logLines(): DestinationStream & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
}
