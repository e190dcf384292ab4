import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import type { LogLevel } from '@callflow/workflows/src/observability/logger';

const PINO_LEVEL_OF: Record<NestLogLevel, Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };
const VERBOSITY: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** The pino level that lets through the Nest levels listed (the most verbose of them); none: silent. */
export function pinoLevelFor(levels: readonly NestLogLevel[]): LogLevel {
  const wanted = levels.map((level) => VERBOSITY.indexOf(PINO_LEVEL_OF[level]));
  return wanted.length === 0 ? 'silent' : VERBOSITY[Math.max(...wanted)]!;
}

/**
 * Nest's logger (every `new Logger(context)` in the API) writing through pino: the context becomes a field, an Error
 * its serialised `err`, an object its fields.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  /** Nest passes the logger's context last, and for errors a stack trace (or undefined) before it. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? rest.find((param): param is string => typeof param === 'string') : undefined;
    const fields: Record<string, unknown> = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
