import { randomUUID } from 'node:crypto';
import type { EventPublisher } from './event-publisher';
import type { Scheduler } from './scheduler';
import { SendMessageCommandSchema, type SendMessageCommand } from './telnyx-commands.schema';
import { validationError } from './telnyx-errors';
import { viewEntry, type WebhookEntry, type WebhookEntryView } from './timeline';
import { TIMING } from './timing';

/** An SMS the flow sent, as the sandbox delivered it. */
export interface SentMessage {
  id: string;
  from: string | null;
  to: string;
  text: string | null;
  mediaUrls: string[];
  status: 'queued' | 'sent' | 'delivered';
  /** Epoch ms. */
  createdAt: number;
  webhooks: WebhookEntryView[];
}

interface MessageRecord {
  id: string;
  command: SendMessageCommand;
  status: SentMessage['status'];
  receivedAt: number;
  sentAt: number | null;
  completedAt: number | null;
  webhooks: WebhookEntry[];
}

export interface SandboxMessagingOptions {
  scheduler: Scheduler;
  publisher: EventPublisher;
  now: () => number;
  iso: (ms: number) => string;
}

/** POST /v2/messages: answers with the message record, then message.sent and message.finalized (delivered). */
export class SandboxMessaging {
  private messages = new Map<string, MessageRecord>();

  constructor(private readonly options: SandboxMessagingOptions) {}

  send(body: unknown): { data: Record<string, unknown> } {
    const parsed = SendMessageCommandSchema.safeParse(body ?? {}, { reportInput: true });
    if (!parsed.success) throw validationError(parsed.error);
    const { now, scheduler } = this.options;
    const message: MessageRecord = {
      id: randomUUID(),
      command: parsed.data,
      status: 'queued',
      receivedAt: now(),
      sentAt: null,
      completedAt: null,
      webhooks: [],
    };
    this.messages.set(message.id, message);
    scheduler.after(TIMING.smsSentSecs, () => {
      message.status = 'sent';
      message.sentAt = now();
      this.emit(message, 'message.sent');
    });
    scheduler.after(TIMING.smsFinalizedSecs, () => {
      message.status = 'delivered';
      message.completedAt = now();
      this.emit(message, 'message.finalized');
    });
    return { data: this.payload(message) };
  }

  list(): SentMessage[] {
    return [...this.messages.values()].map((message) => ({
      id: message.id,
      from: message.command.from ?? null,
      to: message.command.to,
      text: message.command.text ?? null,
      mediaUrls: message.command.media_urls ?? [],
      status: message.status,
      createdAt: message.receivedAt,
      webhooks: message.webhooks.map((entry) => viewEntry(entry) as WebhookEntryView),
    }));
  }

  reset(): void {
    this.messages = new Map();
  }

  private emit(message: MessageRecord, type: string): void {
    const { publisher } = this.options;
    message.webhooks.push(
      publisher.publish({
        lane: `message:${message.id}`,
        url: message.command.webhook_url ?? publisher.webhookUrl,
        type,
        payload: this.payload(message),
        callControlId: null,
      }),
    );
  }

  private payload(message: MessageRecord): Record<string, unknown> {
    const { iso } = this.options;
    const { command } = message;
    const text = command.text ?? '';
    return {
      cc: [],
      completed_at: message.completedAt === null ? null : iso(message.completedAt),
      cost: { amount: 0.004, currency: 'USD' },
      direction: 'outbound',
      encoding: /^[\x20-\x7e\n\r]*$/.test(text) ? 'GSM-7' : 'UCS-2',
      errors: [],
      from: { carrier: 'Telnyx', line_type: 'VoIP', phone_number: command.from ?? null },
      id: message.id,
      media: (command.media_urls ?? []).map((url) => ({ url, content_type: null, sha256: null, size: null })),
      messaging_profile_id: command.messaging_profile_id ?? null,
      parts: Math.max(1, Math.ceil(text.length / 160)),
      received_at: iso(message.receivedAt),
      record_type: 'message',
      sent_at: message.sentAt === null ? null : iso(message.sentAt),
      subject: null,
      tags: [],
      text: command.text ?? null,
      to: [{ carrier: 'Sandbox Mobile', line_type: 'Wireless', phone_number: command.to, status: message.status }],
      type: command.type ?? ((command.media_urls?.length ?? 0) > 0 ? 'MMS' : 'SMS'),
      valid_until: null,
      webhook_failover_url: null,
      webhook_url: command.webhook_url ?? null,
    };
  }
}
