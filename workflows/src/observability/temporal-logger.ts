import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const PINO_LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<TemporalLogLevel, string>;

/**
 * The Temporal Runtime's logger, writing through pino: the SDK's own messages, Core's (forwarded), and the workflow and
 * activity context loggers, whose metadata names the workflow (workflowId, runId, workflowType) or activity.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    const pinoLevel = PINO_LEVELS[level];
    // The SDK logs each activity's start and end at debug: below the level, not even the metadata is copied.
    if (!this.logger.isLevelEnabled(pinoLevel)) return;
    this.logger[pinoLevel](stringKeys(meta), message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** Temporal's metadata may carry symbol keys (internal markers) that have no place in a JSON line. */
function stringKeys(meta: LogMetadata | undefined): Record<string, unknown> {
  return meta ? Object.fromEntries(Object.entries(meta)) : {};
}
