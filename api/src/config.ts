/** API configuration, read once from the environment. Defaults suit the local stack (`npm start`). */
export interface AppConfig {
  /** PostgreSQL connection URL, database name included. */
  databaseUrl: string;
  /** Temporal frontend `host:port`. */
  temporalAddress: string;
  temporalNamespace: string;
  /** HTTP port of the API. */
  port: number;
}

export const CONFIG_DEFAULTS: AppConfig = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/callflow',
  temporalAddress: '127.0.0.1:7233',
  temporalNamespace: 'default',
  port: 3000,
};

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = env.PORT === undefined || env.PORT === '' ? CONFIG_DEFAULTS.port : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535 (got "${env.PORT}").`);
  }
  return {
    databaseUrl: env.DATABASE_URL || CONFIG_DEFAULTS.databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS || CONFIG_DEFAULTS.temporalAddress,
    temporalNamespace: env.TEMPORAL_NAMESPACE || CONFIG_DEFAULTS.temporalNamespace,
    port,
  };
}
