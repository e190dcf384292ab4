import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config';
import { DeliveryError, EmailTransport, SmsTransport, type TransportMessageId } from './message-transports';
import { OutboxRepository, type ClaimedMessage } from './outbox.repository';

/** How often the outbox is looked at. */
export const OUTBOX_POLL_MS = 1000;
/** Messages claimed per look, sent concurrently; a full batch is followed by the next look at once. */
const BATCH_SIZE = 20;
/** Tries before a message is given up for good: about two hours of retries (see retryDelayMs). */
export const MAX_ATTEMPTS = 8;
const TRANSPORT_TIMEOUT_MS = 30_000;
/** A claimed message is due again after this if its sender died mid-try (a try lasts at most the transport timeout). */
const CLAIM_LEASE_SECS = 120;
/** The sandbox carrier accepts any key; Telnyx needs TELNYX_API_KEY. */
const SANDBOX_API_KEY = 'sandbox';

export const NO_SMTP_TRANSPORT = 'not sent: SMTP_URL is not set, so there is no e-mail transport';

/** Wait before the try after try number `attempts`: 10 s, 30 s, 90 s…, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 3 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Delivers the outbox (voicemail notifications): SMS through the carrier's messaging API, e-mail through SMTP. Every
 * API instance runs one; they share the work through row claims. A failed try is retried with backoff, a refused
 * message (or one past MAX_ATTEMPTS) is marked failed with its error. Without SMTP_URL, e-mails wait in the outbox.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly sms: SmsTransport;
  private readonly email: EmailTransport | null;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sms = new SmsTransport({ apiKey: config.telnyxApiKey ?? SANDBOX_API_KEY, baseUrl: config.telnyxApiBaseUrl, timeoutMs: TRANSPORT_TIMEOUT_MS });
    this.email = config.smtpUrl === null ? null : new EmailTransport(config.smtpUrl, config.smtpFrom);
  }

  onApplicationBootstrap(): void {
    if (this.email === null) this.logger.warn(`SMTP_URL is not set: e-mail notifications stay in the outbox`);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.round;
    this.email?.close();
  }

  /** Sends the due messages this instance could claim (at most one batch); returns how many it tried. */
  async deliverDue(): Promise<number> {
    if (this.email === null) {
      const waiting = await this.outbox.noteWaiting('email', NO_SMTP_TRANSPORT);
      if (waiting > 0) this.logger.warn(`${waiting} e-mail notification(s) kept in the outbox: SMTP_URL is not set`);
    }
    const messages = await this.outbox.claimDue(this.email === null ? ['sms'] : ['sms', 'email'], BATCH_SIZE, CLAIM_LEASE_SECS);
    await Promise.all(messages.map((message) => this.deliver(message)));
    return messages.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.deliverDue().then(
        (tried) => this.schedule(tried === BATCH_SIZE ? 0 : OUTBOX_POLL_MS),
        (error: unknown) => {
          // The database is away: look again later, the messages wait in the outbox.
          this.logger.error(`Could not work through the outbox: ${error instanceof Error ? error.message : String(error)}`);
          this.schedule(OUTBOX_POLL_MS);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const what = `${message.channel === 'sms' ? 'SMS' : 'E-mail'} ${message.id} to ${message.recipient}`;
    let transportMessageId: TransportMessageId;
    try {
      transportMessageId = await this.send(message);
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), false);
      if (failure.permanent || message.attempts >= MAX_ATTEMPTS) {
        await this.outbox.markFailed(message.id, failure.message);
        this.logger.error(`${what} failed for good (try ${message.attempts}): ${failure.message}`);
      } else {
        const delayMs = retryDelayMs(message.attempts);
        await this.outbox.markRetry(message.id, failure.message, delayMs);
        this.logger.warn(`${what} failed (try ${message.attempts}), next try in ${delayMs / 1000} s: ${failure.message}`);
      }
      return;
    }
    await this.outbox.markSent(message.id, transportMessageId);
    this.logger.log(`${what} sent`);
  }

  private send(message: ClaimedMessage): Promise<TransportMessageId> {
    if (message.channel === 'sms') {
      if (message.sender === null) throw new DeliveryError('no number to send the text from', true);
      return this.sms.send({ from: message.sender, to: message.recipient, text: message.body });
    }
    // claimDue hands out e-mails only when there is a transport.
    if (this.email === null) throw new DeliveryError(NO_SMTP_TRANSPORT, false);
    return this.email.send({ to: message.recipient, subject: message.subject ?? '', text: message.body });
  }
}
