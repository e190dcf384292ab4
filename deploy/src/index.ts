export { ManagedProcess, type ManagedProcessOptions, type ProcessExit } from './managed-process';
export { CACHE_DIR, DATA_DIR, REPO_ROOT, nodeTypeScriptArgs, temporalCliPath, tsxLoaderUrl } from './paths';
export {
  DEFAULT_DATABASE_URL,
  EMBEDDED_POSTGRES_PORT,
  EMBEDDED_POSTGRES_URL,
  databaseName,
  dropDatabase,
  ensureDatabase,
  probePostgres,
  redactUrl,
  resolvePostgres,
  startEmbeddedPostgres,
  withDatabase,
  type PostgresOrigin,
  type PostgresServer,
  type ResolvePostgresOptions,
} from './postgres';
export {
  DEFAULT_TEMPORAL_NAMESPACE,
  checkTemporal,
  ensureCallSearchAttributes,
  startTemporalDevServer,
  type TemporalDevServer,
  type TemporalDevServerOptions,
} from './temporal-server';
export { ensureTestServices, teardownTestServices } from './test-services';
export { findFreePort, waitUntil, type WaitOptions } from './wait';
