import { trace } from '@opentelemetry/api';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { currentLogContext } from './log-context';

export type LogLevel = LevelWithSilent;
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL, default `info`; anything else than a pino level is refused at start, naming the variable. */
export function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}").`);
  }
  return raw as LogLevel;
}

export interface LoggerOptions {
  /** `service` field of every line (callflow-api, callflow-worker). */
  service: string;
  level: LogLevel;
  /** Where JSON lines go; default stdout, human-readable instead when stdout is a terminal outside production. */
  destination?: pino.DestinationStream;
}

/**
 * The process's root logger: one JSON object per line, with the ids of the current log context (tenant, call,
 * workflow…) and of the active trace span on every line.
 */
export function createLogger(options: LoggerOptions): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: (_line, _level, logger) => {
      const span = trace.getActiveSpan()?.spanContext();
      const fields: Record<string, unknown> = span && trace.isSpanContextValid(span) ? { ...currentLogContext(), traceId: span.traceId, spanId: span.spanId } : { ...currentLogContext() };
      // A child logger may carry some of them already (an HTTP request's): no key twice on a line.
      for (const key of Object.keys(logger.bindings())) delete fields[key];
      return fields;
    },
  };
  if (options.destination) return pino(settings, options.destination);
  const transport = prettyTransport();
  return transport ? pino({ ...settings, transport }) : pino(settings);
}

/** pino-pretty for a developer's terminal (a dev dependency: absent from production images, where JSON is wanted anyway). */
function prettyTransport(): pino.TransportSingleOptions | null {
  if (!process.stdout.isTTY || process.env.NODE_ENV === 'production') return null;
  try {
    return { target: require.resolve('pino-pretty'), options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } };
  } catch {
    return null;
  }
}
