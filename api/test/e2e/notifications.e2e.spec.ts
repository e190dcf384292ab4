import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { dropDatabase, ensureDatabase, withDatabase } from '@callflow/deploy';
import type { SentMessage } from '../../src/sandbox';
import { migrate } from '../../src/database/migrate';
import { MAX_ATTEMPTS, NO_SMTP_TRANSPORT } from '../../src/voicemails/notification-sender';
import { seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { startTestApp } from '../support/test-app';
import { CallStack, flowDocument, tts, waitFor } from './call-stack';

/*
 * Voicemail notifications leave the outbox: SMS through the sandbox carrier's messaging API, e-mail through a real
 * SMTP server started here. Each part runs on a database of its own: every API instance sends whatever outbox it
 * shares, and other test files' instances share the run's database.
 */

jest.setTimeout(90_000);

const CALLER = '+12125550147';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server that keeps what it accepts and turns recipients away as told (per delivery, in order). */
class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Replies to the RCPT TO of a recipient, one per delivery; a recipient without replies left is accepted. */
  readonly replies = new Map<string, Array<{ code: number; text: string }>>();

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<TestSmtpServer> {
    let self: TestSmtpServer | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        const reply = self?.replies.get(address.address)?.shift();
        if (reply === undefined) return callback();
        return callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          self?.received.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new TestSmtpServer(server, (server.server.address() as AddressInfo).port);
    return self;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  mailTo(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function header(raw: string, name: string): string | null {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? null;
}

/** The text of a single-part message, transfer encoding undone. */
function bodyText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
  switch (header(raw, 'content-transfer-encoding')?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body, 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

interface OutboxRow {
  id: string;
  channel: string;
  recipient: string;
  sender: string | null;
  body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  transport_message_id: string | null;
}

/** A freshly migrated database of the test's own, dropped by the returned function. */
async function privateDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const shared = process.env.DATABASE_URL;
  if (!shared) throw new Error('DATABASE_URL must be set (jest globalSetup)');
  const url = withDatabase(shared, `callflow_outbox_${randomBytes(4).toString('hex')}`);
  await ensureDatabase(url);
  await migrate(url);
  return { url, drop: () => dropDatabase(url) };
}

describe('voicemail notifications are delivered', () => {
  let smtp: TestSmtpServer;
  let stack: CallStack;
  let database: { url: string; drop: () => Promise<void> };
  let tenantId: string;

  beforeAll(async () => {
    [smtp, database] = await Promise.all([TestSmtpServer.start(), privateDatabase()]);
    stack = await CallStack.start({ smtpUrl: smtp.url, smtpFrom: 'Rapid Rooter <voicemail@rapidrooter.example>', databaseUrl: database.url });
    tenantId = await seedTenant(stack.asTestApp(), 'Notified Plumbing');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await Promise.all([smtp?.close(), database?.drop()]);
  }, 60_000);

  async function outbox(where: string, parameters: unknown[]): Promise<OutboxRow[]> {
    return stack.dataSource.query(
      `SELECT id, channel, recipient, sender, body, status, attempts, last_error, sent_at, transport_message_id
       FROM outbound_messages WHERE ${where} ORDER BY channel, recipient`,
      parameters,
    );
  }

  /** Rows straight into the outbox, as a voicemail would leave them. */
  async function queue(messages: Array<{ channel: 'email' | 'sms'; recipient: string; sender?: string; attempts?: number }>): Promise<string[]> {
    const ids: string[] = [];
    for (const message of messages) {
      const [row]: Array<{ id: string }> = await stack.dataSource.query(
        `INSERT INTO outbound_messages (tenant_id, channel, recipient, sender, subject, body, status, attempts)
         VALUES ($1, $2, $3, $4, $5, 'New voicemail in Office from +12125550147 (12 s).', 'outbox', $6) RETURNING id`,
        [tenantId, message.channel, message.recipient, message.sender ?? null, message.channel === 'email' ? 'New voicemail from +12125550147' : null, message.attempts ?? 0],
      );
      if (row) ids.push(row.id);
    }
    return ids;
  }

  async function sandboxMessages(): Promise<SentMessage[]> {
    const response = await fetch(`http://127.0.0.1:${stack.config.port}/sandbox/control/messages`);
    expect(response.status).toBe(200);
    return (await response.json()) as SentMessage[];
  }

  it('e-mails and texts every recipient of the mailbox and the node once the message is stored', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      mailboxes: [
        {
          id: 'vm-office',
          name: 'Office',
          ownerAgentId: null,
          greeting: null,
          notifyEmails: ['office@rapidrooter.example'],
          notifySms: ['+13125550190'],
          transcribe: true,
          maxLengthSecs: 60,
        },
      ],
    });
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'message', kind: 'voicemail', config: { mailboxId: 'vm-office', greeting: tts('Please leave a message.'), notifyEmails: ['owner@rapidrooter.example'] } },
        ],
        ['start.next -> message'],
      ),
    );
    const words = 'Hi, this is Dana, the kitchen sink is leaking again.';

    const result = await stack.call({ from: CALLER, to: number, script: [{ say: words }, { hangup: true }] });

    expect(result.call.outcome).toMatchObject({ result: 'voicemail' });
    const inVoicemail = 'voicemail_id IN (SELECT id FROM voicemails WHERE call_id = $1)';
    const rows = await waitFor('every notification sent', async () => {
      const current = await outbox(inVoicemail, [result.call.id]);
      return current.length === 3 && current.every((row) => row.status === 'sent') && current;
    });
    const text = rows[0]?.body ?? '';
    expect(text).toMatch(new RegExp(`^New voicemail in Office from \\${CALLER} \\(\\d+ s\\)\\. “${words}”$`));
    expect(rows.map(({ channel, recipient, sender, body, attempts, last_error }) => ({ channel, recipient, sender, body, attempts, last_error }))).toEqual([
      { channel: 'email', recipient: 'office@rapidrooter.example', sender: null, body: text, attempts: 1, last_error: null },
      { channel: 'email', recipient: 'owner@rapidrooter.example', sender: null, body: text, attempts: 1, last_error: null },
      { channel: 'sms', recipient: '+13125550190', sender: number, body: text, attempts: 1, last_error: null },
    ]);
    expect(rows.every((row) => row.sent_at instanceof Date)).toBe(true);

    for (const row of rows.filter((candidate) => candidate.channel === 'email')) {
      const [mail, ...more] = smtp.mailTo(row.recipient);
      expect(more).toEqual([]);
      expect(mail?.from).toBe('voicemail@rapidrooter.example');
      expect(header(mail?.raw ?? '', 'subject')).toBe(`New voicemail from ${CALLER}`);
      expect(header(mail?.raw ?? '', 'from')).toBe('Rapid Rooter <voicemail@rapidrooter.example>');
      expect(bodyText(mail?.raw ?? '')).toBe(text);
      expect(header(mail?.raw ?? '', 'message-id')).toBe(row.transport_message_id);
    }
    const texts = (await sandboxMessages()).filter((message) => message.to === '+13125550190');
    expect(texts).toEqual([expect.objectContaining({ from: number, text, id: rows[2]?.transport_message_id })]);
  });

  it('tries again later when the SMTP server turns a message away for now; gives up on what is refused for good', async () => {
    smtp.replies.set('busy@rapidrooter.example', [{ code: 451, text: 'Mailbox busy, try again later' }]);
    smtp.replies.set('nobody@rapidrooter.example', [{ code: 550, text: 'No such user here' }]);
    const [busy, nobody, notANumber] = await queue([
      { channel: 'email', recipient: 'busy@rapidrooter.example' },
      { channel: 'email', recipient: 'nobody@rapidrooter.example' },
      { channel: 'sms', recipient: '3125550190', sender: '+18005550100' },
    ]);

    const tried = await waitFor('a first try of each', async () => {
      const current = await outbox('id = ANY($1)', [[busy, nobody, notANumber]]);
      return current.every((row) => row.status !== 'outbox' || row.attempts > 0) && current.every((row) => row.status !== 'sending') && current;
    });
    const byId = new Map(tried.map((row) => [row.id, row]));
    expect(byId.get(busy ?? '')).toMatchObject({ status: 'outbox', attempts: 1, last_error: expect.stringContaining('451 Mailbox busy') });
    expect(byId.get(nobody ?? '')).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('550 No such user here') });
    expect(byId.get(notANumber ?? '')).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('422') });
    const due: Array<{ wait: number }> = await stack.dataSource.query('SELECT extract(epoch FROM next_attempt_at - now()) AS wait FROM outbound_messages WHERE id = $1', [busy]);
    expect(Number(due[0]?.wait)).toBeGreaterThan(5);

    // The retry is due now (instead of in 10 s): the server takes it this time.
    await stack.dataSource.query('UPDATE outbound_messages SET next_attempt_at = now() WHERE id = $1', [busy]);
    const sent = await waitFor('the retry to go out', async () => {
      const [row] = await outbox('id = $1', [busy]);
      return row?.status === 'sent' && row;
    });
    expect(sent).toMatchObject({ attempts: 2, last_error: null });
    expect(smtp.mailTo('busy@rapidrooter.example')).toHaveLength(1);
    expect(smtp.mailTo('nobody@rapidrooter.example')).toEqual([]);
    expect((await sandboxMessages()).filter((message) => message.to === '3125550190')).toEqual([]);
  });

  it(`gives a message up after ${MAX_ATTEMPTS} tries`, async () => {
    smtp.replies.set('full@rapidrooter.example', [{ code: 452, text: 'Mailbox full' }]);
    const [full] = await queue([{ channel: 'email', recipient: 'full@rapidrooter.example', attempts: MAX_ATTEMPTS - 1 }]);

    const [row] = await waitFor('the last try', async () => {
      const current = await outbox('id = $1', [full]);
      return current[0]?.status === 'failed' && current;
    });

    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, last_error: expect.stringContaining('452 Mailbox full') });
  });
});

describe('voicemail notifications without SMTP_URL', () => {
  it('keeps e-mails in the outbox and says why, without trying to send them', async () => {
    const database = await privateDatabase();
    const api = await startTestApp({ databaseUrl: database.url, smtpUrl: null });
    try {
      const tenantId = await seedTenant(api);
      const [row]: Array<{ id: string }> = await api.dataSource.query(
        `INSERT INTO outbound_messages (tenant_id, channel, recipient, subject, body, status)
         VALUES ($1, 'email', 'office@rapidrooter.example', 'New voicemail', 'New voicemail in Office.', 'outbox') RETURNING id`,
        [tenantId],
      );

      const waiting = await waitFor('the e-mail to be marked as waiting', async () => {
        const [current]: Array<{ status: string; attempts: number; last_error: string | null }> = await api.dataSource.query(
          'SELECT status, attempts, last_error FROM outbound_messages WHERE id = $1',
          [row?.id],
        );
        return current?.last_error !== null && current;
      });

      expect(waiting).toEqual({ status: 'outbox', attempts: 0, last_error: NO_SMTP_TRANSPORT });
    } finally {
      await api.close();
      await database.drop();
    }
  });
});
