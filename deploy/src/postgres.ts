import path from 'node:path';
import { Client } from 'pg';
import { ManagedProcess } from './managed-process';
import { DATA_DIR, tsxLoaderUrl } from './paths';
import { waitUntil } from './wait';

/** Tried when DATABASE_URL is unset: a local PostgreSQL with trust authentication. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/callflow';
/** Where the embedded PostgreSQL listens when no other server answers. */
export const EMBEDDED_POSTGRES_PORT = 5433;
export const EMBEDDED_POSTGRES_PASSWORD = 'postgres';
export const EMBEDDED_POSTGRES_URL = embeddedPostgresUrl(EMBEDDED_POSTGRES_PORT);
export const EMBEDDED_POSTGRES_DIR = path.join(DATA_DIR, 'postgres');

export type PostgresOrigin = 'DATABASE_URL' | 'local default' | 'embedded (already running)' | 'embedded';

export interface PostgresServer {
  /** Connection URL including the database name (which may not exist yet). */
  url: string;
  origin: PostgresOrigin;
  /** Stops the server when this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export function embeddedPostgresUrl(port: number): string {
  return `postgres://postgres:${EMBEDDED_POSTGRES_PASSWORD}@127.0.0.1:${port}/callflow`;
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`The database URL ${redactUrl(url)} names no database (expected …/<database>).`);
  return name;
}

/** The same server and credentials with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function withClient<T>(url: string, timeoutMs: number, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Rejects unless the server behind `url` accepts a connection (to its `postgres` database). */
export async function probePostgres(url: string, timeoutMs = 2000): Promise<void> {
  await withClient(withDatabase(url, 'postgres'), timeoutMs, (client) => client.query('SELECT 1'));
}

/** Creates the database named in `url` unless it exists; returns whether it was created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  return withClient(withDatabase(url, 'postgres'), 5000, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  });
}

/** Drops the database named in `url`, disconnecting its remaining sessions. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withClient(withDatabase(url, 'postgres'), 5000, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** Starts PostgreSQL from the `embedded-postgres` package, with its data kept in `dataDir`. */
export async function startEmbeddedPostgres(dataDir = EMBEDDED_POSTGRES_DIR, port = EMBEDDED_POSTGRES_PORT): Promise<PostgresServer> {
  const url = embeddedPostgresUrl(port);
  // embedded-postgres installs exit hooks on the process that loads it, so it runs in its own.
  const runner = new ManagedProcess({
    name: 'postgres',
    command: process.execPath,
    args: ['--import', tsxLoaderUrl(), path.join(__dirname, 'embedded-postgres.main.ts'), dataDir, String(port)],
  });
  try {
    await waitUntil(() => probePostgres(url, 1000), {
      what: `embedded PostgreSQL on port ${port}`,
      timeoutMs: 120_000,
      intervalMs: 500,
      abortReason: () => (runner.hasExited ? runner.describeExit() : undefined),
    });
  } catch (error) {
    await runner.stop();
    throw error;
  }
  return {
    url,
    origin: 'embedded',
    stop: async () => {
      await runner.stop(15_000);
    },
  };
}

export interface ResolvePostgresOptions {
  env?: NodeJS.ProcessEnv;
  probe?: (url: string) => Promise<void>;
  startEmbedded?: () => Promise<PostgresServer>;
  embeddedUrl?: string;
  log?: (message: string) => void;
}

const notStarted = async (): Promise<void> => undefined;

/**
 * Finds the PostgreSQL server to use: DATABASE_URL when set (and then it must answer), else a
 * local server at DEFAULT_DATABASE_URL, else an embedded one left running earlier, else a newly
 * started embedded server.
 */
export async function resolvePostgres(options: ResolvePostgresOptions = {}): Promise<PostgresServer> {
  const env = options.env ?? process.env;
  const probe = options.probe ?? ((url: string) => probePostgres(url));
  const log = options.log ?? (() => undefined);
  const explicit = env.DATABASE_URL;
  if (explicit) {
    try {
      await probe(explicit);
    } catch (error) {
      throw new Error(
        `DATABASE_URL is set to ${redactUrl(explicit)}, but no PostgreSQL answers there: ${errorMessage(error)}. ` +
          'Start that server, correct DATABASE_URL, or unset it to use a local server on 127.0.0.1:5432 or the embedded one.',
      );
    }
    return { url: explicit, origin: 'DATABASE_URL', stop: notStarted };
  }
  try {
    await probe(DEFAULT_DATABASE_URL);
    return { url: DEFAULT_DATABASE_URL, origin: 'local default', stop: notStarted };
  } catch (error) {
    log(`No usable PostgreSQL at ${redactUrl(DEFAULT_DATABASE_URL)} (${errorMessage(error)}); using the embedded one.`);
  }
  const embeddedUrl = options.embeddedUrl ?? EMBEDDED_POSTGRES_URL;
  try {
    await probe(embeddedUrl);
    return { url: embeddedUrl, origin: 'embedded (already running)', stop: notStarted };
  } catch {
    return (options.startEmbedded ?? (() => startEmbeddedPostgres()))();
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(errorMessage).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
