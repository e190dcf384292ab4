import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, resolvePostgres, withDatabase } from './postgres';
import { startTemporalDevServer } from './temporal-server';

interface TestServicesState {
  databaseUrl: string;
  stops: Array<() => Promise<void>>;
}

// jest loads globalSetup and globalTeardown as separate modules; globalThis is what they share.
const STATE_KEY = Symbol.for('callflow.deploy.testServices');
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: TestServicesState };

/**
 * jest globalSetup: reuses TEMPORAL_ADDRESS or starts an ephemeral Temporal dev server, creates a
 * fresh database `callflow_test_<random>` on the resolved PostgreSQL server, and exports both
 * through process.env (inherited by the test workers).
 */
export async function ensureTestServices(): Promise<void> {
  const stops: TestServicesState['stops'] = [];
  const log = (message: string): void => void process.stderr.write(`[test services] ${message}\n`);
  try {
    if (!process.env.TEMPORAL_ADDRESS) {
      const temporal = await startTemporalDevServer();
      stops.push(temporal.stop);
      process.env.TEMPORAL_ADDRESS = temporal.address;
      process.env.TEMPORAL_NAMESPACE = temporal.namespace;
      log(`started a Temporal dev server on ${temporal.address}`);
    }
    const postgres = await resolvePostgres({ log });
    stops.push(postgres.stop);
    const databaseUrl = withDatabase(postgres.url, `callflow_test_${randomBytes(6).toString('hex')}`);
    await ensureDatabase(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
    (globalThis as GlobalWithState)[STATE_KEY] = { databaseUrl, stops };
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
}

/** jest globalTeardown: drops the test database and stops what ensureTestServices started. */
export async function teardownTestServices(): Promise<void> {
  const state = (globalThis as GlobalWithState)[STATE_KEY];
  if (!state) return;
  delete (globalThis as GlobalWithState)[STATE_KEY];
  try {
    await dropDatabase(state.databaseUrl);
  } finally {
    for (const stop of state.stops.reverse()) await stop();
  }
}
