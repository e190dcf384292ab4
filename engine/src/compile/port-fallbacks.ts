import type { NodeKind } from '@callflow/schemas';

/**
 * Per kind: an optional port that, left unconnected, leads where another port of the same node leads
 * (decided at compile time, so the interpreter never needs to know).
 */
export const portFallbacks = {
  entry: {},
  play: {},
  menu: {},
  'collect-digits': {},
  'business-hours': { holiday: 'closed' },
  condition: {},
  'set-variable': {},
  'http-request': {},
  'ring-group': {},
  queue: {},
  'dial-extension': { notFound: 'noAnswer' },
  transfer: {},
  voicemail: {},
  'send-sms': {},
  record: {},
  'go-to': {},
  'hang-up': {},
} satisfies Record<NodeKind, Readonly<Record<string, string>>>;

export function fallbackPortOf(kind: NodeKind, port: string): string | undefined {
  const fallbacks: Readonly<Record<string, string>> = portFallbacks[kind];
  return Object.hasOwn(fallbacks, port) ? fallbacks[port] : undefined;
}
