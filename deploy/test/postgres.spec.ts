import {
  DEFAULT_DATABASE_URL,
  EMBEDDED_POSTGRES_URL,
  findFreePort,
  redactUrl,
  resolvePostgres,
  withDatabase,
  type PostgresServer,
} from '../src';

const unreachable = new Error('connect ECONNREFUSED');

/** A probe that answers for the given URLs only. */
function probeAnswering(...urls: string[]): (url: string) => Promise<void> {
  return async (url) => {
    if (!urls.includes(url)) throw unreachable;
  };
}

const embedded: PostgresServer = { url: 'postgres://postgres:x@127.0.0.1:5433/callflow', origin: 'embedded', stop: async () => undefined };

describe('resolvePostgres', () => {
  it('fails with a clear message when an explicit DATABASE_URL does not answer (no fallback)', async () => {
    const port = await findFreePort();
    const url = `postgres://app:secret@127.0.0.1:${port}/callflow`;
    const startEmbedded = jest.fn(async () => embedded);

    const resolving = resolvePostgres({ env: { DATABASE_URL: url }, startEmbedded });

    await expect(resolving).rejects.toThrow(
      `DATABASE_URL is set to postgres://app:***@127.0.0.1:${port}/callflow, but no PostgreSQL answers there: `,
    );
    await expect(resolving).rejects.toThrow('unset it to use a local server on 127.0.0.1:5432 or the embedded one');
    expect(startEmbedded).not.toHaveBeenCalled();
  });

  it('uses an explicit DATABASE_URL that answers', async () => {
    const url = 'postgres://app@db.internal:5432/callflow';
    const server = await resolvePostgres({ env: { DATABASE_URL: url }, probe: probeAnswering(url) });
    expect(server).toMatchObject({ url, origin: 'DATABASE_URL' });
  });

  it('falls back to the local default server when DATABASE_URL is unset', async () => {
    const server = await resolvePostgres({ env: {}, probe: probeAnswering(DEFAULT_DATABASE_URL, EMBEDDED_POSTGRES_URL) });
    expect(server).toMatchObject({ url: DEFAULT_DATABASE_URL, origin: 'local default' });
  });

  it('then reuses an embedded server that is already running', async () => {
    const server = await resolvePostgres({ env: {}, probe: probeAnswering(EMBEDDED_POSTGRES_URL) });
    expect(server).toMatchObject({ url: EMBEDDED_POSTGRES_URL, origin: 'embedded (already running)' });
  });

  it('then starts the embedded server, saying why', async () => {
    const log = jest.fn();
    const server = await resolvePostgres({ env: {}, probe: probeAnswering(), startEmbedded: async () => embedded, log });
    expect(server).toBe(embedded);
    expect(log).toHaveBeenCalledWith(
      'No usable PostgreSQL at postgres://postgres@127.0.0.1:5432/callflow (connect ECONNREFUSED); using the embedded one.',
    );
  });
});

describe('database URLs', () => {
  it('hides the password', () => {
    expect(redactUrl('postgres://u:pw@h:1/db')).toBe('postgres://u:***@h:1/db');
    expect(redactUrl('postgres://u@h:1/db')).toBe('postgres://u@h:1/db');
  });

  it('swaps the database name', () => {
    expect(withDatabase('postgres://u:pw@h:1/callflow?sslmode=disable', 'callflow_test_1')).toBe(
      'postgres://u:pw@h:1/callflow_test_1?sslmode=disable',
    );
  });
});
