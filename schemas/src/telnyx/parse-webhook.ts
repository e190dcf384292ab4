import type { z } from 'zod';
import { TelnyxWebhookSchema, type TelnyxWebhook } from './webhook.schema';

export type ParseTelnyxWebhookResult =
  | { ok: true; webhook: TelnyxWebhook }
  | { ok: false; reason: 'legacy-v1-format' | 'invalid'; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** API v1 deliveries are flat: `{ event_type: "call_answered", created_at, payload }`, no `data` wrapper. */
function isLegacyV1(json: Record<string, unknown>): boolean {
  return typeof json['event_type'] === 'string' && !isRecord(json['data']);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function describeIssues(issues: z.ZodError['issues']): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}

/**
 * Parses a webhook body (already `JSON.parse`d, after signature verification). Never throws: a body
 * that is not a usable API v2 delivery comes back as `{ ok: false }` with a message for the logs.
 * An event type this package does not model is `ok` (an `UnknownTelnyxEvent`), not refused.
 */
export function parseTelnyxWebhook(json: unknown): ParseTelnyxWebhookResult {
  if (isRecord(json) && isLegacyV1(json)) {
    return {
      ok: false,
      reason: 'legacy-v1-format',
      message:
        `Received a Telnyx API v1 webhook (event_type "${String(json['event_type'])}", no "data" wrapper). ` +
        'Set webhook_api_version to "2" on the Call Control application (in the Telnyx portal, or ' +
        'PATCH /v2/call_control_applications/{id}); this delivery was not processed.',
    };
  }
  const result = TelnyxWebhookSchema.safeParse(json);
  if (result.success) return { ok: true, webhook: result.data };
  const eventType = isRecord(json) && isRecord(json['data']) ? json['data']['event_type'] : undefined;
  const subject = typeof eventType === 'string' ? `Telnyx webhook "${eventType}"` : 'Telnyx webhook';
  return { ok: false, reason: 'invalid', message: `Invalid ${subject}: ${describeIssues(result.error.issues)}` };
}
