import { createTransport, type NodemailerError } from 'nodemailer';
import Telnyx from 'telnyx';

/** One try that failed. `permanent`: trying the same message again cannot help (recipient or sender refused…). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** What a transport returns for a message it accepted: its own id of the message, when it gives one. */
export type TransportMessageId = string | null;

/** SMS through the carrier's messaging API (Telnyx, or the sandbox carrier), with the official SDK like send-sms. */
export class SmsTransport {
  private readonly telnyx: Telnyx;

  constructor(config: { apiKey: string; baseUrl: string; timeoutMs: number }) {
    // The outbox retries on its own schedule: SDK retries off.
    this.telnyx = new Telnyx({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, timeout: config.timeoutMs });
  }

  async send(message: { from: string; to: string; text: string }): Promise<TransportMessageId> {
    try {
      const response = await this.telnyx.messages.send(message);
      return response.data?.id ?? null;
    } catch (error) {
      if (error instanceof Telnyx.APIError) {
        const refused = error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
        throw new DeliveryError(error.message, refused);
      }
      throw new DeliveryError(error instanceof Error ? error.message : String(error), false);
    }
  }
}

const smtpTransporter = (smtpUrl: string) => createTransport(smtpUrl);

/** E-mail through an SMTP server (`SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com`). */
export class EmailTransport {
  private readonly transporter: ReturnType<typeof smtpTransporter>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transporter = smtpTransporter(smtpUrl);
  }

  async send(message: { to: string; subject: string; text: string }): Promise<TransportMessageId> {
    try {
      const info = await this.transporter.sendMail({ from: this.from, ...message });
      return info.messageId;
    } catch (error) {
      const failure = error as NodemailerError;
      // A 5xx reply refuses the message for good; connection trouble and 4xx replies are worth another try.
      throw new DeliveryError(failure.response ?? failure.message, failure.permanent === true);
    }
  }

  close(): void {
    this.transporter.close();
  }
}
